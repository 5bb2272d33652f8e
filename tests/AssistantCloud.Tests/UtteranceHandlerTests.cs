using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

public class UtteranceHandlerTests
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"],
        ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"], new Dictionary<string, string>());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _tokens = new();
    private readonly LinkLocks _locks = new();
    private readonly FakeVendorClient _vendor = new();

    private UtteranceHandler CreateHandler() => new(
        _store,
        new AccessTokenProvider(_store, _tokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
        _vendor,
        TestNames.Default,
        _time,
        TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance);

    private async Task LinkedWithLampAsync()
    {
        await _store.EnsureUserAsync(User, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(User, Skill, LinkState.Linked, "access-1", "refresh-1",
            _time.GetUtcNow().AddHours(1), "owner@example.com", _time.GetUtcNow()), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(User, Skill, [Lamp], CancellationToken.None);
    }

    private Task<UtteranceResult> SayAsync(string text) => CreateHandler().HandleAsync(User, text, CancellationToken.None).WaitAsync(Wait);

    [Fact]
    public async Task Set_brightness_sends_the_directive_and_reports_the_confirmed_state()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "Response", power: "ON", brightness: 40);

        var result = await SayAsync("Alexa, set the bedroom lamp to 40 percent");

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal("OK", result.Speech);
        Assert.Equal(IntentKind.SetBrightness, result.Intent);
        Assert.Equal(new DeviceReference("plug-1", "bedroom lamp"), result.Device);
        Assert.Equal(new DeviceState("ON", 40, "OK"), result.State);
        Assert.Null(result.ErrorType);
        var directive = Assert.Single(_vendor.Directives);
        Assert.Equal("Alexa.BrightnessController.SetBrightness", directive.QualifiedName);
        Assert.Equal(40, directive.Body["directive"]!["payload"]!["brightness"]!.GetValue<int>());
        Assert.Equal("access-1", directive.Body["directive"]!["endpoint"]!["scope"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_command_with_a_valid_token_reads_the_link_once()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "Response", power: "ON", brightness: 100);

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        // The link read with the endpoints gives the token too: no second read of the store.
        Assert.Equal(1, _store.LinkReads);
    }

    [Fact]
    public async Task A_question_is_answered_from_the_state_report()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "StateReport", power: "ON", brightness: 40);

        var result = await SayAsync("is the bedroom lamp on?");

        Assert.Equal("The bedroom lamp is on at 40 percent", result.Speech);
        Assert.Equal("Alexa.ReportState", Assert.Single(_vendor.Directives).QualifiedName);
    }

    [Fact]
    public async Task An_unreachable_device_in_a_state_report_is_not_responding()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "StateReport", power: "OFF", brightness: 40, connectivity: "UNREACHABLE");

        var result = await SayAsync("how bright is the bedroom lamp");

        Assert.Equal(UtteranceOutcome.DeviceError, result.Outcome);
        Assert.Equal("The bedroom lamp is not responding.", result.Speech);
    }

    [Theory]
    [InlineData("ENDPOINT_UNREACHABLE", UtteranceOutcome.DeviceError, "The bedroom lamp is not responding.")]
    [InlineData("BRIDGE_UNREACHABLE", UtteranceOutcome.DeviceError, "The hub for the bedroom lamp is not responding.")]
    [InlineData("VALUE_OUT_OF_RANGE", UtteranceOutcome.DeviceError, "The bedroom lamp can only be set between 0 and 100 percent.")]
    public async Task Error_responses_are_spoken(string errorType, UtteranceOutcome outcome, string speech)
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, errorType);

        var result = await SayAsync("set the bedroom lamp to 150 percent");

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(speech, result.Speech);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Equal(150, Assert.Single(_vendor.Directives).Body["directive"]!["payload"]!["brightness"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_answer_from_the_vendor_is_service_unavailable()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = _ => throw new VendorUnavailableException("no answer within 8 s");

        var result = await SayAsync("turn off the bedroom lamp");

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, result.Outcome);
        Assert.Equal("The service isn't responding right now.", result.Speech);
    }

    [Fact]
    public async Task Unknown_devices_and_unparseable_sentences_get_their_answers_without_a_directive()
    {
        await LinkedWithLampAsync();

        var unknown = await SayAsync("turn on the garage door");
        var nonsense = await SayAsync("sing me a song");

        Assert.Equal(UtteranceOutcome.UnknownDevice, unknown.Outcome);
        Assert.Equal("I couldn't find a device named garage door", unknown.Speech);
        Assert.Equal(UtteranceOutcome.NotUnderstood, nonsense.Outcome);
        Assert.Equal("Sorry, I didn't understand that", nonsense.Speech);
        Assert.Null(nonsense.Intent);
        Assert.Empty(_vendor.Directives);
    }

    [Theory]
    [MemberData(nameof(IntentParserTests.NotUnderstood), MemberType = typeof(IntentParserTests))]
    public async Task A_grammar_miss_is_not_understood_never_an_unknown_device(string text)
    {
        await LinkedWithLampAsync();

        var result = await SayAsync(text);

        Assert.Equal(UtteranceOutcome.NotUnderstood, result.Outcome);
        Assert.Equal(Speech.NotUnderstood, result.Speech);
        Assert.DoesNotContain("couldn't find a device", result.Speech, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_vendor.Directives);
    }

    [Theory]
    [InlineData("lights off", "Alexa.PowerController.TurnOff", null)]
    [InlineData("turn on the light", "Alexa.PowerController.TurnOn", null)]
    [InlineData("the lamp 50 percent", "Alexa.BrightnessController.SetBrightness", 50)]
    [InlineData("dim the bedroom lamp to 20 percent", "Alexa.BrightnessController.SetBrightness", 20)]
    [InlineData("set bedroom light brightness to forty", "Alexa.BrightnessController.SetBrightness", 40)]
    [InlineData("could you turn the bedroom down a bit please", "Alexa.BrightnessController.AdjustBrightness", -25)]
    public async Task Natural_forms_reach_the_one_lamp(string text, string directiveName, int? value)
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "Response", power: "ON", brightness: 40);

        var result = await SayAsync(text);

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal(new DeviceReference("plug-1", "bedroom lamp"), result.Device);
        var directive = Assert.Single(_vendor.Directives);
        Assert.Equal(directiveName, directive.QualifiedName);
        var payload = directive.Body["directive"]!["payload"]!;
        Assert.Equal(value, (payload["brightness"] ?? payload["brightnessDelta"])?.GetValue<int>());
    }

    [Fact]
    public async Task A_name_that_fits_two_devices_asks_which_one_without_a_directive()
    {
        await LinkedWithLampAsync();
        var deskLamp = Lamp with { EndpointId = "plug-2", FriendlyName = "desk lamp" };
        await _store.ReplaceEndpointsAsync(User, Skill, [Lamp, deskLamp], CancellationToken.None);

        var result = await SayAsync("turn off the lamp");

        Assert.Equal(UtteranceOutcome.AmbiguousDevice, result.Outcome);
        Assert.Equal("Which one did you mean: the bedroom lamp or the desk lamp?", result.Speech);
        Assert.Equal(IntentKind.TurnOff, result.Intent);
        Assert.Empty(_vendor.Directives);
    }

    [Fact]
    public async Task A_user_without_a_link_is_not_linked()
    {
        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.NotLinked, result.Outcome);
        Assert.Empty(_vendor.Directives);
    }

    private const string ExpiredNotification =
        "The link between accounts has expired. To continue using My SmartHome with Assistant, choose Link again in your skills and sign in to My SmartHome.";

    private const string ExpiredSpeech = "The link to My SmartHome has expired. In the Assistant app, choose Link again in your skills.";

    private static string TokenOf(AlexaDirective directive) =>
        directive.Body["directive"]!["endpoint"]!["scope"]!["token"]!.GetValue<string>();

    [Fact]
    public async Task A_refused_refresh_expires_the_link_notifies_once_and_later_utterances_answer_at_once()
    {
        await LinkedWithLampAsync();
        _time.Advance(TimeSpan.FromHours(2));
        _tokens.OnRefresh = _ => TokenResult.Refused("invalid_grant", "inactive");
        _tokens.RefreshGate.SetResult();

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.LinkExpired, result.Outcome);
        Assert.Equal(ExpiredSpeech, result.Speech);
        Assert.Empty(_vendor.Directives);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Expired, link!.State);
        Assert.Null(link.AccessToken);
        Assert.Null(link.RefreshToken);
        Assert.Equal("invalid_grant: inactive", link.Reason);
        Assert.Equal(ExpiredNotification, Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None)).Message);

        // While expired: the same answer at once, no refresh, no directive, no second notification.
        var again = await SayAsync("turn off the bedroom lamp");
        Assert.Equal(UtteranceOutcome.LinkExpired, again.Outcome);
        Assert.Equal(ExpiredSpeech, again.Speech);
        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.Empty(_vendor.Directives);
        Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_credential_is_refreshed_once_and_the_directive_retried_once()
    {
        await LinkedWithLampAsync();
        _tokens.RefreshGate.SetResult();
        _vendor.Answer = d => TokenOf(d) == "access-1"
            ? AlexaAnswers.ErrorResponse(d, "EXPIRED_AUTHORIZATION_CREDENTIAL")
            : Response(d, "Response", power: "ON", brightness: 40);

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Null(result.ErrorType);
        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.Equal(["access-1", "access-2"], _vendor.Directives.Select(TokenOf));
        Assert.All(_vendor.Directives, d => Assert.Equal("Alexa.PowerController.TurnOn", d.QualifiedName));
        Assert.Equal("refresh-2", (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_second_expired_credential_after_the_refresh_is_not_retried_again()
    {
        await LinkedWithLampAsync();
        _tokens.RefreshGate.SetResult();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "EXPIRED_AUTHORIZATION_CREDENTIAL");

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, result.Outcome);
        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", result.ErrorType);
        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.Equal(2, _vendor.Directives.Count);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Linked, link!.State); // the grant itself was refreshed fine
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_credential_whose_refresh_answers_invalid_grant_expires_the_link()
    {
        await LinkedWithLampAsync();
        _tokens.OnRefresh = _ => TokenResult.Refused("invalid_grant", "sign-in too old");
        _tokens.RefreshGate.SetResult();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "EXPIRED_AUTHORIZATION_CREDENTIAL");

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.LinkExpired, result.Outcome);
        Assert.Equal(ExpiredSpeech, result.Speech);
        Assert.Single(_vendor.Directives);
        Assert.Equal(LinkState.Expired, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
        Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_credential_deletes_the_tokens_expires_the_link_and_notifies_once()
    {
        await LinkedWithLampAsync();
        _vendor.Answer = d => AlexaAnswers.ErrorResponse(d, "INVALID_AUTHORIZATION_CREDENTIAL");

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.LinkExpired, result.Outcome);
        Assert.Equal(ExpiredSpeech, result.Speech);
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", result.ErrorType);
        Assert.Equal(0, _tokens.RefreshCalls); // Alexa's rule: no refresh, the tokens are dead
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Expired, link!.State);
        Assert.Null(link.AccessToken);
        Assert.Null(link.RefreshToken);
        Assert.Contains("INVALID_AUTHORIZATION_CREDENTIAL", link.Reason);
        Assert.Equal([Lamp.EndpointId], (await _store.GetEndpointsAsync(User, Skill, CancellationToken.None)).Select(e => e.EndpointId));

        var again = await SayAsync("turn on the bedroom lamp");
        Assert.Equal(UtteranceOutcome.LinkExpired, again.Outcome);
        Assert.Single(_vendor.Directives);
        var notification = Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
        Assert.Equal(ExpiredNotification, notification.Message);
        Assert.Equal("LinkExpired", notification.Kind);
    }

    [Fact]
    public async Task A_disabled_skill_is_not_linked()
    {
        await LinkedWithLampAsync();
        await _store.SaveLinkAsync(AccountLink.Unlinked(User, Skill, _time.GetUtcNow()), CancellationToken.None);

        var result = await SayAsync("turn on the bedroom lamp");

        Assert.Equal(UtteranceOutcome.NotLinked, result.Outcome);
        Assert.Empty(_vendor.Directives);
    }

    [Fact]
    public async Task A_state_store_that_hangs_while_keeping_the_answers_state_does_not_hold_the_answer()
    {
        // The same pattern as chaos monkey seed 4 after a success: Redis restarting while the Response's state is kept.
        await LinkedWithLampAsync();
        _vendor.Answer = d => Response(d, "Response", power: "ON", brightness: 40);
        var restarting = new TaskCompletionSource();
        var handler = new UtteranceHandler(_store,
            new AccessTokenProvider(_store, _tokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
            _vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance,
            states: new HangingStateStore(restarting.Task));

        var answer = handler.HandleAsync(User, "turn on the bedroom lamp", CancellationToken.None);
        using (var cts = new CancellationTokenSource(Wait))
        {
            while (!answer.IsCompleted)
            {
                _time.Advance(UtteranceHandler.AfterAnswerStoreTimeout);
                await Task.Delay(20, cts.Token);
            }
        }

        var result = await answer;
        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal(new DeviceState("ON", 40, "OK"), result.State);
        Assert.False(restarting.Task.IsCompleted);
    }

    /// <summary>A last-known-state store whose writes wait for <paramref name="until"/> (a Redis that is restarting).</summary>
    private sealed class HangingStateStore(Task until) : IEndpointStateStore
    {
        public Task<KnownState?> GetAsync(string user, string skill, string endpointId, CancellationToken cancellationToken) =>
            Task.FromResult<KnownState?>(null);

        public Task<IReadOnlyList<KnownState?>> GetManyAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KnownState?>>([.. endpointIds.Select(_ => (KnownState?)null)]);

        public Task UpdateAsync(string user, string skill, string endpointId, DeviceState reported, DateTimeOffset reportedAt, string source,
            CancellationToken cancellationToken) => until;

        public Task ForgetAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken) => until;
    }

    private static string Response(AlexaDirective directive, string name, string power, int brightness, string connectivity = "OK") => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa",
                ["name"] = name,
                ["payloadVersion"] = "3",
                ["messageId"] = Guid.NewGuid().ToString(),
                ["correlationToken"] = directive.CorrelationToken,
            },
            ["endpoint"] = new JsonObject { ["endpointId"] = "plug-1" },
            ["payload"] = new JsonObject(),
        },
        ["context"] = new JsonObject
        {
            ["properties"] = new JsonArray(
                Property("Alexa.PowerController", "powerState", power),
                Property("Alexa.BrightnessController", "brightness", brightness),
                Property("Alexa.EndpointHealth", "connectivity", new JsonObject { ["value"] = connectivity })),
        },
    }.ToJsonString();

    private static JsonObject Property(string @namespace, string name, JsonNode value) => new()
    {
        ["namespace"] = @namespace,
        ["name"] = name,
        ["value"] = value,
        ["timeOfSample"] = "2026-11-26T12:00:00Z",
        ["uncertaintyInMilliseconds"] = 0,
    };
}

public class UtteranceTelemetryTests
{
    [Fact]
    public async Task The_utterance_span_carries_intent_outcome_and_error_type()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        var store = new InMemoryAssistantStore();
        var time = new FakeTimeProvider();
        var vendor = new FakeVendorClient { Answer = _ => throw new VendorUnavailableException("down") };
        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "a", "r", time.GetUtcNow().AddHours(1), null, time.GetUtcNow()), CancellationToken.None);
        await store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId,
            [new DiscoveredEndpoint("plug-1", "bedroom lamp", [], [], new Dictionary<string, string>())], CancellationToken.None);
        var handler = new UtteranceHandler(store,
            new AccessTokenProvider(store, new FakeTokenClient(), new LinkLocks(), time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
            vendor, TestNames.Default, time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance);

        var result = await handler.HandleAsync("owner", "turn on the bedroom lamp", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var span = Assert.Single(recorder.Stopped, a => a.OperationName == "utterance" && a.TraceId.ToHexString() == result.TraceId);
        Assert.Equal("TurnOn", span.GetTagItem("smarthome.intent"));
        Assert.Equal("ServiceUnavailable", span.GetTagItem("smarthome.outcome"));
        Assert.Equal("plug-1", span.GetTagItem("smarthome.device"));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task The_trace_of_a_command_that_hit_invalid_grant_shows_the_refused_refresh_under_the_utterance()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        var store = new InMemoryAssistantStore();
        var time = new FakeTimeProvider();
        var tokens = new FakeTokenClient { OnRefresh = _ => TokenResult.Refused("invalid_grant", "sign-in too old") };
        tokens.RefreshGate.SetResult();
        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "a", "r", time.GetUtcNow().AddMinutes(1), null, time.GetUtcNow()), CancellationToken.None);
        await store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId,
            [new DiscoveredEndpoint("plug-1", "bedroom lamp", [], [], new Dictionary<string, string>())], CancellationToken.None);
        var handler = new UtteranceHandler(store,
            new AccessTokenProvider(store, tokens, new LinkLocks(), time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
            new FakeVendorClient(), TestNames.Default, TimeProvider.System, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance);

        var result = await handler.HandleAsync("owner", "turn on the bedroom lamp", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var utterance = Assert.Single(recorder.Stopped, a => a.OperationName == "utterance" && a.TraceId.ToHexString() == result.TraceId);
        var refresh = Assert.Single(recorder.Stopped, a => a.OperationName == "oauth refresh" && a.TraceId.ToHexString() == result.TraceId);
        Assert.Equal("LinkExpired", utterance.GetTagItem("smarthome.outcome"));
        Assert.Equal(utterance.SpanId, refresh.ParentSpanId);
        Assert.Equal(System.Diagnostics.ActivityKind.Client, refresh.Kind);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, refresh.Status);
        Assert.Equal("invalid_grant", refresh.GetTagItem("oauth.error"));
    }

    [Fact]
    public async Task Commands_are_counted_by_outcome()
    {
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string?>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AssistantCloudTelemetry.SourceName && instrument.Name == "smarthome.assistant.commands")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Add(tag.Value as string);
                }
            }
        });
        listener.Start();
        var store = new InMemoryAssistantStore();
        var handler = new UtteranceHandler(store,
            new AccessTokenProvider(store, new FakeTokenClient(), new LinkLocks(), new FakeTimeProvider(), TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
            new FakeVendorClient(), TestNames.Default, TimeProvider.System, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance);

        await handler.HandleAsync("nobody-linked-" + Guid.NewGuid(), "turn on the bedroom lamp", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("NotLinked", outcomes);
    }
}
