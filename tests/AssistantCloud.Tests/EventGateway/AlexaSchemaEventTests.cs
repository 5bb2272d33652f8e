using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The return path's messages against Amazon's own schema and samples in ../shared/alexa (skipped with the reason
/// when the folder is absent; failed under CI=true), and the gateway validating with that schema at runtime.
/// </summary>
public sealed class AlexaSchemaEventTests(RedisServerFixture redis) : ReturnPathHttpTests(redis)
{
    protected override EventGatewayOptions GatewayOptions => new()
    {
        SkillClientSecret = ReturnPathTestData.SkillSecret,
        SchemaPath = SharedAlexaFiles.Directory is { } folder ? Path.Combine(folder, "alexa_smart_home_message_schema.json") : null,
    };

    private static void RequireRedis() => Skip.If(RedisServerFixture.ServerPath is null, "redis-server is not installed");

    [SkippableFact]
    public async Task The_events_the_gateway_accepts_here_are_valid_against_Amazons_schema()
    {
        var schema = await AlexaMessageSchema.GetAsync();
        JsonObject[] accepted =
        [
            ReturnPathTestData.ChangeReport("Atza|token"),
            ReturnPathTestData.AsyncResponse("Atza|token", "correlation-1"),
            ReturnPathTestData.AddOrUpdateReport("Atza|token", "plug-2", "desk lamp"),
        ];

        foreach (var message in accepted)
        {
            var errors = schema.Validate(message.ToJsonString());
            Assert.True(errors.Count == 0, $"{message["event"]!["header"]!["name"]}: {string.Join("; ", errors)}");
        }
    }

    [SkippableFact]
    public async Task With_Amazons_schema_loaded_the_gateway_accepts_Amazons_sample_ChangeReport_and_refuses_what_the_schema_refuses()
    {
        SharedAlexaFiles.Require();
        RequireRedis();
        var (access, _) = await LinkedWithTokensAsync();
        Assert.True(await Host.Services.GetRequiredService<AlexaEventValidator>().HasSchemaAsync());

        var sample = SampleMessages.Json("ChangeReport/ChangeReport.json");
        sample["event"]!["endpoint"]!["endpointId"] = "plug-1";
        sample["event"]!["endpoint"]!["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = access };
        using var accepted = await PostEventAsync(access, sample);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // Structurally an event, but powerState MAYBE is no value Amazon's schema allows.
        var invalid = ReturnPathTestData.ChangeReport(access, power: "MAYBE");
        using var refused = await PostEventAsync(access, invalid);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(EventGatewayError.InvalidRequest, await ErrorCodeAsync(refused));
    }

    [SkippableFact]
    public void The_AcceptGrant_directive_has_the_shape_of_Amazons_sample()
    {
        // The schema defines events only (no directives): the sample request is the reference.
        var sample = SampleMessages.Json("Authorization/Authorization.AcceptGrant.request.json");
        var built = DirectiveBuilder.AcceptGrant("a-code", "a-token").Body;

        Assert.Equal(Shape(sample), Shape(built));
        Assert.Equal(sample["directive"]!["header"]!["namespace"]!.GetValue<string>(), built["directive"]!["header"]!["namespace"]!.GetValue<string>());
        Assert.Equal(sample["directive"]!["payload"]!["grant"]!["type"]!.GetValue<string>(), built["directive"]!["payload"]!["grant"]!["type"]!.GetValue<string>());
        Assert.Equal(sample["directive"]!["payload"]!["grantee"]!["type"]!.GetValue<string>(), built["directive"]!["payload"]!["grantee"]!["type"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Amazons_AcceptGrant_answers_are_schema_valid_and_read_as_accepted_and_failed()
    {
        var schema = await AlexaMessageSchema.GetAsync();
        RequireRedis();
        var accepted = SampleMessages.Text("Authorization/Authorization.AcceptGrant.response.json");
        var failed = SampleMessages.Text("Authorization/ErrorResponse.Authorization.ACCEPT_GRANT_FAILED.json");
        Assert.Empty(schema.Validate(accepted));
        Assert.Empty(schema.Validate(failed));

        var tokens = new LwaTokenService(new EventGrantStore(Redis.Redis), new FakeTimeProvider(ReturnPathTestData.Start),
            Options.Create(new EventGatewayOptions()), NullLogger<LwaTokenService>.Instance);
        var vendor = new FakeVendorClient { Answer = _ => accepted };
        var sender = new AcceptGrantSender(tokens, vendor, NullLogger<AcceptGrantSender>.Instance);
        Assert.Equal(AcceptGrantOutcome.Accepted, await sender.SendAsync(User, ReturnPathTestData.Skill, "a-token", CancellationToken.None));
        vendor.Answer = _ => failed;
        Assert.Equal(AcceptGrantOutcome.Failed, await sender.SendAsync(User, ReturnPathTestData.Skill, "a-token", CancellationToken.None));
    }

    /// <summary>Every path of the JSON with the kind of its value.</summary>
    private static List<string> Shape(JsonNode? node, string path = "$") => node switch
    {
        JsonObject o => [.. o.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => Shape(p.Value, $"{path}.{p.Key}"))],
        JsonArray a => [$"{path}[]", .. a.SelectMany(item => Shape(item, $"{path}[]")).Distinct()],
        _ => [$"{path}:{node?.GetValueKind()}"],
    };
}
