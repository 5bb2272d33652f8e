using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

public class VendorClientTests
{
    private const string Token = "secret-access-token";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"], [], new Dictionary<string, string>());

    private static (VendorClient Client, RecordingHandler Handler) Create(Func<HttpRequestMessage, string, HttpResponseMessage> respond)
    {
        var handler = new RecordingHandler(respond);
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://vendorcloud/alexa/v3/directives") };
        return (new VendorClient(http, NullLogger<VendorClient>.Instance), handler);
    }

    private static string Echo(string body, string name, JsonObject? payload = null)
    {
        var correlation = JsonNode.Parse(body)!["directive"]!["header"]!["correlationToken"]!.GetValue<string>();
        return new JsonObject
        {
            ["event"] = new JsonObject
            {
                ["header"] = new JsonObject { ["namespace"] = "Alexa", ["name"] = name, ["payloadVersion"] = "3", ["messageId"] = Guid.NewGuid().ToString(), ["correlationToken"] = correlation },
                ["endpoint"] = new JsonObject { ["endpointId"] = "plug-1" },
                ["payload"] = payload ?? [],
            },
        }.ToJsonString();
    }

    [Fact]
    public async Task Posts_the_directive_json_to_the_skill_endpoint()
    {
        var (client, handler) = Create((_, body) => RecordingHandler.Json(Echo(body, "Response")));
        var directive = DirectiveBuilder.TurnOn(Lamp, Token);

        var answer = await client.SendAsync(directive, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("Response", answer.Name);
        var (request, sent) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://vendorcloud/alexa/v3/directives", request.RequestUri!.ToString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(directive.Body.ToJsonString(), JsonNode.Parse(sent)!.ToJsonString());
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "{}")]
    [InlineData(HttpStatusCode.OK, "<html>oops</html>")]
    [InlineData(HttpStatusCode.OK, "{\"event\":{\"header\":{\"namespace\":\"Alexa\",\"name\":\"Response\",\"correlationToken\":\"someone-else\"}}}")]
    public async Task Anything_but_an_alexa_answer_to_this_directive_is_unavailable(HttpStatusCode status, string body)
    {
        var (client, _) = Create((_, _) => RecordingHandler.Json(body, status));

        await Assert.ThrowsAsync<VendorUnavailableException>(() => client.SendAsync(DirectiveBuilder.TurnOn(Lamp, Token), CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_connection_failure_is_unavailable()
    {
        var (client, _) = Create((_, _) => throw new HttpRequestException("Connection refused"));

        await Assert.ThrowsAsync<VendorUnavailableException>(() => client.SendAsync(DirectiveBuilder.TurnOn(Lamp, Token), CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task The_directive_span_is_named_after_it_and_marks_error_responses_without_the_token()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        var (client, _) = Create((_, body) => RecordingHandler.Json(Echo(body, "ErrorResponse", new JsonObject { ["type"] = "ENDPOINT_UNREACHABLE", ["message"] = "offline" })));
        var directive = DirectiveBuilder.SetBrightness(Lamp, Token, 40);

        var answer = await client.SendAsync(directive, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("ENDPOINT_UNREACHABLE", answer.ErrorType);
        var span = Assert.Single(recorder.Stopped, a => a.OperationName == "directive Alexa.BrightnessController.SetBrightness" && a.GetTagItem("alexa.message.id") as string == directive.MessageId);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("ENDPOINT_UNREACHABLE", span.GetTagItem("alexa.error.type"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(Token, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_expired_token_answer_is_an_event_on_the_span_not_an_error()
    {
        // Alexa's refresh-and-retry follows it: a handled answer, not a failed command.
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        var (client, _) = Create((_, body) => RecordingHandler.Json(Echo(body, "ErrorResponse",
            new JsonObject { ["type"] = "EXPIRED_AUTHORIZATION_CREDENTIAL", ["message"] = "expired" })));
        var directive = DirectiveBuilder.TurnOn(Lamp, Token);

        var answer = await client.SendAsync(directive, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", answer.ErrorType);
        var span = Assert.Single(recorder.Stopped, a => a.GetTagItem("alexa.message.id") as string == directive.MessageId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", span.GetTagItem("alexa.error.type"));
        Assert.Contains(span.Events, e => e.Name.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outage_renames_the_span_to_what_happened_with_the_vendor_as_the_failed_hop()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        var (client, _) = Create((_, _) => RecordingHandler.Json("{}", HttpStatusCode.ServiceUnavailable));
        var directive = DirectiveBuilder.TurnOn(Lamp, Token);

        await Assert.ThrowsAsync<VendorUnavailableException>(() => client.SendAsync(directive, CancellationToken.None).WaitAsync(Wait));

        var span = Assert.Single(recorder.Stopped, a => a.GetTagItem("alexa.message.id") as string == directive.MessageId);
        Assert.Equal("vendor unavailable (503)", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("The vendor answered HTTP 503.", span.StatusDescription);
        Assert.Equal("vendor", span.GetTagItem("smarthome.failed_hop"));
    }
}
