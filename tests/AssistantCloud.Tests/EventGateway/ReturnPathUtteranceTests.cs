using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Utterances;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The utterance handler over the return path: questions answered from the last known state (no ReportState,
/// as Alexa does), every answer's state kept, and deferred directives waited for. Real Redis for the states and grants.
/// </summary>
public sealed class ReturnPathUtteranceTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(ReturnPathTestData.Start);
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();
    private readonly DeferredResponses _deferred = new();

    private EventGrantStore Grants => new(redis.Redis);

    private RedisEndpointStateStore States => new(redis.Redis);

    private UtteranceHandler CreateHandler() => new(
        _store,
        new AccessTokenProvider(_store, new FakeTokenClient(), new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
        _vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance,
        states: States, deferred: _deferred, grants: Grants);

    private async Task LinkedAsync(DiscoveredEndpoint endpoint, bool mayReport = true)
    {
        await _store.EnsureUserAsync(_user, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(_user, Skill, LinkState.Linked, "access-1", "refresh-1", _time.GetUtcNow().AddHours(1),
            "owner@example.com", _time.GetUtcNow()), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(_user, Skill, [endpoint], CancellationToken.None);
        var tokens = new LwaTokenService(Grants, _time, Options.Create(new EventGatewayOptions { SkillClientSecret = "s" }), NullLogger<LwaTokenService>.Instance);
        var code = await tokens.IssueGrantCodeAsync(_user, Skill);
        if (mayReport)
        {
            Assert.True((await tokens.ExchangeCodeAsync("smarthome-skill", code)).Succeeded);
        }
    }

    private Task<UtteranceResult> SayAsync(string text) => CreateHandler().HandleAsync(_user, text, CancellationToken.None).WaitAsync(Wait);

    private Task ReportedAsync(string power, int brightness, string connectivity = "OK") =>
        States.UpdateAsync(_user, Skill, "plug-1", new DeviceState(power, brightness, connectivity), _time.GetUtcNow(), KnownStateSources.ChangeReport, CancellationToken.None);

    [RedisFact]
    public async Task A_question_about_a_proactively_reported_property_is_answered_from_the_last_report_without_ReportState()
    {
        await LinkedAsync(ReturnPathTestData.Lamp);
        await ReportedAsync("ON", 40);

        var power = await SayAsync("is the bedroom lamp on");
        var brightness = await SayAsync("what is the brightness of the bedroom lamp");

        Assert.Equal("The bedroom lamp is on at 40 percent", power.Speech);
        Assert.Equal(UtteranceOutcome.Success, power.Outcome);
        Assert.Equal(KnownStateSources.ChangeReport, power.AnsweredFrom?.Source);
        Assert.Equal("The bedroom lamp's brightness is 40 percent", brightness.Speech);
        Assert.Empty(_vendor.Directives);
    }

    [RedisFact]
    public async Task A_device_last_reported_unreachable_is_not_responding_without_asking_the_vendor()
    {
        await LinkedAsync(ReturnPathTestData.Lamp);
        await ReportedAsync("ON", 40, connectivity: "UNREACHABLE");

        var result = await SayAsync("is the bedroom lamp on");

        Assert.Equal("The bedroom lamp is not responding.", result.Speech);
        Assert.Equal("ENDPOINT_UNREACHABLE", result.ErrorType);
        Assert.Empty(_vendor.Directives);
    }

    [RedisFact]
    public async Task Without_a_grant_to_report_the_assistant_asks_with_ReportState_and_keeps_the_StateReport()
    {
        await LinkedAsync(ReturnPathTestData.Lamp, mayReport: false);
        await ReportedAsync("ON", 40);
        _vendor.Answer = d => Answer(d, "StateReport", "OFF", 20);

        var result = await SayAsync("is the bedroom lamp on");

        Assert.Equal("The bedroom lamp is off", result.Speech);
        Assert.Null(result.AnsweredFrom);
        Assert.Equal("Alexa.ReportState", Assert.Single(_vendor.Directives).QualifiedName);
        var known = await States.GetAsync(_user, Skill, "plug-1", CancellationToken.None);
        Assert.Equal(("OFF", 20, KnownStateSources.StateReport), (known?.PowerState, known?.Brightness, known?.Source));
    }

    [RedisFact]
    public async Task A_property_that_is_not_proactively_reported_is_asked_for()
    {
        await LinkedAsync(ReturnPathTestData.Lamp with { ProactivelyReported = null });
        await ReportedAsync("ON", 40);
        _vendor.Answer = d => Answer(d, "StateReport", "OFF", 20);

        Assert.Equal("The bedroom lamp is off", (await SayAsync("is the bedroom lamp on")).Speech);
        Assert.Single(_vendor.Directives);
    }

    [RedisFact]
    public async Task A_commands_Response_becomes_the_last_known_state()
    {
        await LinkedAsync(ReturnPathTestData.Lamp);
        _vendor.Answer = d => Answer(d, "Response", "ON", 70);

        Assert.Equal("OK", (await SayAsync("set the bedroom lamp to 70 percent")).Speech);

        var known = await States.GetAsync(_user, Skill, "plug-1", CancellationToken.None);
        Assert.Equal(("ON", 70, KnownStateSources.Response), (known?.PowerState, known?.Brightness, known?.Source));
    }

    [RedisFact]
    public async Task A_deferred_directive_is_answered_when_its_asynchronous_Response_arrives()
    {
        await LinkedAsync(ReturnPathTestData.Lamp);
        _vendor.Answer = d =>
        {
            // The Response may reach the gateway before the DeferredResponse reaches the handler.
            _ = Task.Run(() => _deferred.Complete(d.CorrelationToken!, AlexaEventParser.Parse(Answer(d, "Response", "OFF", 40))));
            return Deferred(d, seconds: 5);
        };

        var result = await SayAsync("turn off the bedroom lamp");

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal("OK", result.Speech);
        Assert.Equal("OFF", result.State?.PowerState);
    }

    [RedisFact]
    public async Task A_deferred_directive_whose_Response_never_comes_says_the_device_is_taking_too_long()
    {
        await LinkedAsync(ReturnPathTestData.Lamp);
        _vendor.Answer = d => Deferred(d, seconds: 1);

        var said = CreateHandler().HandleAsync(_user, "turn off the bedroom lamp", CancellationToken.None);
        using var bound = new CancellationTokenSource(Wait);
        while (!said.IsCompleted)
        {
            // The wait is estimatedDeferralInSeconds + the margin on the clock: move it until the handler gives up.
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, bound.Token);
        }

        var result = await said;
        Assert.Equal(UtteranceOutcome.DeviceError, result.Outcome);
        Assert.Equal(Speech.DeferredTimeout, result.ErrorType);
        Assert.Equal("The bedroom lamp is taking too long to respond.", result.Speech);
    }

    private static string Deferred(AlexaDirective directive, int seconds) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa",
                ["name"] = "DeferredResponse",
                ["payloadVersion"] = "3",
                ["messageId"] = Guid.NewGuid().ToString(),
                ["correlationToken"] = directive.CorrelationToken,
            },
            ["payload"] = new JsonObject { ["estimatedDeferralInSeconds"] = seconds },
        },
    }.ToJsonString();

    private static string Answer(AlexaDirective directive, string name, string power, int brightness)
    {
        var message = ReturnPathTestData.AsyncResponse("unused", directive.CorrelationToken!, power: power, brightness: brightness);
        message["event"]!["header"]!["name"] = name;
        return message.ToJsonString();
    }
}
