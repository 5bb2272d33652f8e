using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>Failed utterances: recorded for the diagnosis, and marked on the utterance span.</summary>
public sealed class FailedCommandRecordingTests : IDisposable
{
    private const string User = "owner";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ActivityRecorder _recorder = new(AssistantCloudTelemetry.SourceName);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();

    public void Dispose() => _recorder.Dispose();

    private async Task LinkedWithLampAsync()
    {
        await _store.EnsureUserAsync(User, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(User, Skills.VendorSkillId, LinkState.Linked, "access-1", "refresh-1",
            _time.GetUtcNow().AddHours(1), "owner@example.com", _time.GetUtcNow()), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(User, Skills.VendorSkillId, [HealthyFacts.Lamp], CancellationToken.None);
    }

    private Task<UtteranceResult> SayAsync(string text) => new UtteranceHandler(
            _store,
            new AccessTokenProvider(_store, new FakeTokenClient(), new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
            _vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance)
        .HandleAsync(User, text, CancellationToken.None).WaitAsync(Wait);

    private Activity Span(UtteranceResult result) =>
        Assert.Single(_recorder.Stopped, a => a.OperationName == "utterance" && a.TraceId.ToHexString() == result.TraceId);

    [Fact]
    public async Task An_unreachable_plug_is_recorded_for_the_device_with_its_trace_and_marked_on_the_span()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "ENDPOINT_UNREACHABLE");

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.DeviceError, result.Outcome);
        var recorded = await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None);
        Assert.Equal(new FailedCommand(result.TraceId, _time.GetUtcNow(), "turn on the bedroom lamp", UtteranceOutcome.DeviceError,
            "ENDPOINT_UNREACHABLE", ChainHops.Plug), recorded);
        Assert.NotNull(result.TraceId);
        var span = Span(result);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(ChainHops.Plug, span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("The plug is offline.", span.GetTagItem("smarthome.cause"));
        Assert.Equal("ENDPOINT_UNREACHABLE", span.GetTagItem("alexa.error.type"));
    }

    [Fact]
    public async Task A_vendor_that_does_not_answer_is_the_vendor_hop()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = _ => throw new VendorUnavailableException("HTTP 503");

        var result = await SayAsync("turn off the bedroom lamp");

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, result.Outcome);
        Assert.Equal(ChainHops.Vendor, (await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None))!.FailedHop);
        Assert.Equal(ChainHops.Vendor, Span(result).GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public async Task Not_linked_is_recorded_as_the_users_latest_failure()
    {
        await _store.EnsureUserAsync(User, CancellationToken.None);

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.NotLinked, result.Outcome);
        var recorded = await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None);
        Assert.Equal((UtteranceOutcome.NotLinked, ChainHops.Link, result.TraceId), (recorded!.Outcome, recorded.FailedHop, recorded.TraceId));
        Assert.Equal(ChainHops.Link, Span(result).GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public async Task An_expired_link_is_recorded_for_the_device_it_was_said_to()
    {
        await LinkedWithLampAsync();
        var older = new FailedCommand("older", _time.GetUtcNow(), "turn on the bedroom lamp", UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", ChainHops.Plug);
        await _store.RecordFailedCommandAsync(User, "plug-1", older, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(User, Skills.VendorSkillId, LinkState.Expired, null, null, null, null, _time.GetUtcNow()), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = await SayAsync("turn off the bedroom lamp");

        Assert.Equal(UtteranceOutcome.LinkExpired, result.Outcome);
        var recorded = await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None);
        Assert.Equal((result.TraceId, ChainHops.Link, _time.GetUtcNow()), (recorded!.TraceId, recorded.FailedHop, recorded.At));
    }

    [Fact]
    public async Task Success_and_unknown_devices_are_not_recorded_nor_marked()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => new JsonObject
        {
            ["event"] = new JsonObject
            {
                ["header"] = new JsonObject { ["namespace"] = "Alexa", ["name"] = "Response", ["payloadVersion"] = "3", ["messageId"] = "m", ["correlationToken"] = d.CorrelationToken },
                ["endpoint"] = new JsonObject { ["endpointId"] = "plug-1" },
                ["payload"] = new JsonObject(),
            },
        }.ToJsonString();

        var success = await SayAsync("turn on the bedroom lamp");
        var unknown = await SayAsync("turn on the kitchen fan");

        Assert.Equal((UtteranceOutcome.Success, UtteranceOutcome.UnknownDevice), (success.Outcome, unknown.Outcome));
        Assert.Null(await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None));
        Assert.Null(Span(success).GetTagItem("smarthome.failed_hop"));
        Assert.Null(Span(unknown).GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public async Task A_failing_record_does_not_fail_the_utterance()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "BRIDGE_UNREACHABLE");
        _store.FailRecording = new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "store gone");

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal((UtteranceOutcome.DeviceError, "BRIDGE_UNREACHABLE"), (result.Outcome, result.ErrorType));
        Assert.Equal(ChainHops.Uplink, Span(result).GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public async Task A_store_that_hangs_while_recording_does_not_hold_the_answer()
    {
        // Chaos monkey seed 4 (tools/ChaosMonkey --seed 4 --duration 180s): the vendor past the budget, then Redis
        // restarting while the failure was recorded; the person's answer came 13-14 s after the question.
        await LinkedWithLampAsync();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "BRIDGE_UNREACHABLE");
        var restarting = new TaskCompletionSource();
        _store.HangRecording = restarting.Task;

        var answer = new UtteranceHandler(
                _store,
                new AccessTokenProvider(_store, new FakeTokenClient(), new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
                _vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance)
            .HandleAsync(User, "turn on the bedroom lamp", CancellationToken.None);
        // Past the recording's bound the answer goes out; the store is still not back.
        using (var cts = new CancellationTokenSource(Wait))
        {
            while (!answer.IsCompleted)
            {
                _time.Advance(UtteranceHandler.AfterAnswerStoreTimeout);
                await Task.Delay(20, cts.Token);
            }
        }

        var result = await answer;
        Assert.Equal((UtteranceOutcome.DeviceError, "BRIDGE_UNREACHABLE"), (result.Outcome, result.ErrorType));
        Assert.False(restarting.Task.IsCompleted);
    }

    [Fact]
    public async Task The_assistants_own_store_failing_is_the_assistant_hop()
    {
        await LinkedWithLampAsync();
        _store.FailReads = new RedisTimeoutException(CommandFlags.None, "Timeout performing GET", CommandStatus.Sent);

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, result.Outcome);
        var span = Span(result);
        Assert.Equal(ChainHops.Assistant, span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("The assistant's own store did not answer.", span.GetTagItem("smarthome.cause"));
        _store.FailReads = null;
        Assert.Null(await _store.GetFailedCommandAsync(User, "plug-1", CancellationToken.None));
    }
}
