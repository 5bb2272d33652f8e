using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Builds directives as AssistantCloud sends them, and reads answers back as JSON.</summary>
internal static class DirectiveJson
{
    public static byte[] Control(string @namespace, string name, string token, string endpointId = TestWorld.DeviceId,
        object? payload = null) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            directive = new
            {
                header = new { @namespace, name, messageId = "msg-1", correlationToken = "corr-token==", payloadVersion = "3" },
                endpoint = new { scope = new { type = "BearerToken", token }, endpointId, cookie = new { } },
                payload = payload ?? new { },
            },
        }));

    public static byte[] Discover(string token) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            directive = new
            {
                header = new { @namespace = "Alexa.Discovery", name = "Discover", messageId = "msg-2", payloadVersion = "3" },
                payload = new { scope = new { type = "BearerToken", token } },
            },
        }));

    /// <summary>AcceptGrant as the assistant sends it when a link completes: the grant code, and the person's vendor token as grantee.</summary>
    public static byte[] AcceptGrant(string? granteeToken, string? code = "grant-code-1") =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            directive = new
            {
                header = new { @namespace = "Alexa.Authorization", name = "AcceptGrant", messageId = "msg-3", payloadVersion = "3" },
                payload = new
                {
                    grant = new { type = "OAuth2.AuthorizationCode", code },
                    grantee = new { type = "BearerToken", token = granteeToken },
                },
            },
        }));

    public static JsonNode ToJson(AlexaMessage message) =>
        JsonNode.Parse(JsonSerializer.Serialize(message, SkillApi.EventJson))!;

    public static async Task<JsonNode> HandleAsync(TestWorld world, byte[] directive) =>
        ToJson(await world.Skill.HandleAsync(directive, CancellationToken.None));
}
