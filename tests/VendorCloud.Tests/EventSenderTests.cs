using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The vendor's sender against a fake event gateway on loopback: each of the gateway's answers handled as issue 12 says.</summary>
public sealed class EventSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private FakeEventGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeEventGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private Task<AssistantGrantStatus> StatusAsync() => _gateway.Store.GetStatusAsync(FakeEventGateway.AccountId, CancellationToken.None);

    [Fact]
    public async Task An_accepted_ChangeReport_carries_the_token_as_bearer_and_scope_and_leaves_the_queue()
    {
        _gateway.Grant();
        var pending = _gateway.Change();

        Assert.Null(await _gateway.Sender.SendAsync(pending, CancellationToken.None).WaitAsync(Bound));

        var (token, report) = Assert.Single(_gateway.Received);
        Assert.Equal("Atza|access-1", token);
        Assert.Equal("Atza|access-1", (string?)report["event"]!["endpoint"]!["scope"]!["token"]);
        Assert.Equal("ChangeReport", (string?)report["event"]!["header"]!["name"]);
        Assert.Equal("PHYSICAL_INTERACTION", (string?)report["event"]!["payload"]!["change"]!["cause"]!["type"]);
        Assert.Equal(0, _gateway.Queue.Count);
        var status = await StatusAsync();
        Assert.Equal((ReportStatuses.Accepted, (string?)null, 0L), (status.LastReportStatus, status.LastReportError, status.ReportsDropped));
    }

    [Fact]
    public async Task The_report_is_sent_in_the_trace_of_the_frame_that_caused_it()
    {
        using var recorder = new ActivityRecorder(VendorCloudTelemetry.SourceName);
        _gateway.Grant();
        var frame = new System.Diagnostics.ActivityContext(System.Diagnostics.ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
            System.Diagnostics.ActivitySpanId.CreateFromString("b7ad6b7169203331"), System.Diagnostics.ActivityTraceFlags.Recorded);

        await _gateway.Sender.SendAsync(_gateway.Change(parent: frame), CancellationToken.None).WaitAsync(Bound);

        var report = Assert.Single(recorder.InTrace(frame.TraceId));
        Assert.Equal("report ChangeReport plug-1", report.DisplayName);
        Assert.Equal(frame.SpanId, report.ParentSpanId);
        // The HTTP request to /v3/events carries the same trace on to the event gateway.
        Assert.StartsWith($"00-{frame.TraceId.ToHexString()}-", Assert.Single(_gateway.Traceparents), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_gets_one_refresh_and_one_retry()
    {
        _gateway.Grant();
        _gateway.RefreshesSucceed();
        _gateway.Answer = token => token == "Atza|access-1" ? (401, EventGatewayCodes.InvalidAccessToken, null) : (202, null, null);

        Assert.Null(await _gateway.Sender.SendAsync(_gateway.Change(), CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(["Atza|access-1", "Atza|access-2"], _gateway.Received.Select(r => r.Token));
        Assert.Equal(1, _gateway.Tokens.Refreshes);
        Assert.Equal("Atzr|refresh-1", _gateway.Tokens.Calls.Single().Value);
        Assert.Equal("Atzr|refresh-2", _gateway.Store.Tokens[FakeEventGateway.AccountId].RefreshToken);
        Assert.Equal(ReportStatuses.Accepted, (await StatusAsync()).LastReportStatus);
    }

    [Fact]
    public async Task A_401_after_the_refresh_is_refused_and_dropped_without_a_second_refresh()
    {
        _gateway.Grant();
        _gateway.RefreshesSucceed();
        _gateway.Answer = _ => (401, EventGatewayCodes.InvalidAccessToken, null);

        Assert.Null(await _gateway.Sender.SendAsync(_gateway.Change(), CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(2, _gateway.Received.Count);
        Assert.Equal(1, _gateway.Tokens.Refreshes);
        var status = await StatusAsync();
        Assert.Equal((AssistantGrantStatus.Active, ReportStatuses.Refused, EventGatewayCodes.InvalidAccessToken, 1L),
            (status.State, status.LastReportStatus, status.LastReportError, status.ReportsDropped));
    }

    [Fact]
    public async Task Invalid_grant_on_refresh_loses_the_grant_and_drops_the_accounts_reports_counted()
    {
        _gateway.Grant(validFor: TimeSpan.FromSeconds(30)); // within the refresh margin
        _gateway.Tokens.Refresh = _ => Task.FromResult(AssistantTokenResult.Refused("invalid_grant"));
        var first = _gateway.Change();
        _gateway.Change("plug-2");

        Assert.Null(await _gateway.Sender.SendAsync(first, CancellationToken.None).WaitAsync(Bound));

        Assert.Empty(_gateway.Received);
        Assert.Equal(0, _gateway.Queue.Count);
        Assert.Empty(_gateway.Store.Tokens);
        var status = await StatusAsync();
        Assert.Equal((AssistantGrantStatus.Lost, GrantLossReasons.InvalidGrant, _gateway.Time.GetUtcNow(), 2L),
            (status.State, status.Reason, status.Since, status.ReportsDropped));

        // Later changes of the lost account are counted, not queued.
        await _gateway.Reporter.AnswerDeferredAsync(FakeEventGateway.AccountId, "corr", "plug-1", "Response", _ => throw new InvalidOperationException(),
            CancellationToken.None);
        Assert.Equal(0, _gateway.Queue.Count);
        Assert.Equal(3L, (await StatusAsync()).ReportsDropped);
    }

    [Fact]
    public async Task SKILL_DISABLED_loses_the_grant_and_drops_the_accounts_queued_reports()
    {
        _gateway.Grant();
        _gateway.Answer = _ => (403, EventGatewayCodes.SkillDisabled, null);
        var first = _gateway.Change();
        _gateway.Change("plug-2");
        _gateway.Change("plug-3");

        Assert.Null(await _gateway.Sender.SendAsync(first, CancellationToken.None).WaitAsync(Bound));

        Assert.Single(_gateway.Received);
        Assert.Equal(0, _gateway.Queue.Count);
        Assert.Empty(_gateway.Store.Tokens);
        var status = await StatusAsync();
        Assert.Equal((AssistantGrantStatus.Lost, GrantLossReasons.SkillDisabled, ReportStatuses.Refused, EventGatewayCodes.SkillDisabled, 3L),
            (status.State, status.Reason, status.LastReportStatus, status.LastReportError, status.ReportsDropped));
    }

    [Theory]
    [InlineData(400, EventGatewayCodes.InvalidRequest)]
    [InlineData(403, EventGatewayCodes.InsufficientPermission)]
    [InlineData(404, EventGatewayCodes.NoSuchEndpoint)]
    public async Task A_refusal_drops_that_report_counted_and_keeps_the_grant(int httpStatus, string code)
    {
        _gateway.Grant();
        _gateway.Answer = _ => (httpStatus, code, null);
        var first = _gateway.Change();
        _gateway.Change("plug-2");

        Assert.Null(await _gateway.Sender.SendAsync(first, CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(1, _gateway.Queue.Count);
        var status = await StatusAsync();
        Assert.Equal((AssistantGrantStatus.Active, ReportStatuses.Refused, code, 1L),
            (status.State, status.LastReportStatus, status.LastReportError, status.ReportsDropped));
    }

    [Fact]
    public async Task THROTTLING_waits_its_Retry_After_and_keeps_the_report()
    {
        _gateway.Grant();
        _gateway.Answer = _ => (429, EventGatewayCodes.Throttling, 7);
        var pending = _gateway.Change();

        Assert.Equal(TimeSpan.FromSeconds(7), await _gateway.Sender.SendAsync(pending, CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(1, _gateway.Queue.Count);
        var status = await StatusAsync();
        Assert.Equal((ReportStatuses.Failed, EventGatewayCodes.Throttling, 0L), (status.LastReportStatus, status.LastReportError, status.ReportsDropped));
    }

    [Theory]
    [InlineData(500, EventGatewayCodes.InternalService)]
    [InlineData(503, EventGatewayCodes.ServiceUnavailable)]
    public async Task A_5xx_backs_off_doubling_and_keeps_the_report(int httpStatus, string code)
    {
        _gateway.Grant();
        _gateway.Answer = _ => (httpStatus, code, null);
        var pending = _gateway.Change();

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 7; i++)
        {
            waits.Add(await _gateway.Sender.SendAsync(pending, CancellationToken.None).WaitAsync(Bound));
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits.Select(w => w!.Value.TotalSeconds));
        Assert.Equal(1, _gateway.Queue.Count);
        Assert.Equal(0L, (await StatusAsync()).ReportsDropped);
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_refreshed_before_the_report()
    {
        _gateway.Grant(validFor: TimeSpan.FromSeconds(59));
        _gateway.RefreshesSucceed();

        await _gateway.Sender.SendAsync(_gateway.Change(), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(["Atza|access-2"], _gateway.Received.Select(r => r.Token));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        _gateway.Grant(validFor: TimeSpan.FromSeconds(10));
        var refresh = new TaskCompletionSource<AssistantTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _gateway.Tokens.Refresh = _ => refresh.Task;

        var callers = Enumerable.Range(0, 5)
            .Select(_ => _gateway.Keeper.GetAccessTokenAsync(FakeEventGateway.AccountId, null, CancellationToken.None))
            .ToList();
        refresh.SetResult(AssistantTokenResult.Success(new AssistantTokens("Atza|new", "Atzr|new", _gateway.Time.GetUtcNow().AddHours(1))));
        var leases = await Task.WhenAll(callers).WaitAsync(Bound);

        Assert.Equal(1, _gateway.Tokens.Refreshes);
        Assert.All(leases, lease => Assert.Equal((TokenLeaseStatus.Ready, "Atza|new"), (lease.Status, lease.AccessToken)));
    }

    [Fact]
    public async Task A_caller_that_read_the_tokens_before_a_refresh_ended_does_not_present_the_rotated_out_refresh_token()
    {
        // Another caller's refresh has just stored access-2; this caller read the tokens a moment before it did.
        var time = _gateway.Time;
        _gateway.Grant(access: "Atza|access-2", refresh: "Atzr|refresh-2");
        var stale = new AssistantTokens("Atza|access-1", "Atzr|refresh-1", time.GetUtcNow().AddSeconds(10));
        var keeper = new AssistantTokenKeeper(new FirstReadStale(_gateway.Store, stale), _gateway.Tokens,
            Microsoft.Extensions.Options.Options.Create(_gateway.Options), time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AssistantTokenKeeper>.Instance);

        var lease = await keeper.GetAccessTokenAsync(FakeEventGateway.AccountId, null, CancellationToken.None);

        Assert.Equal("Atza|access-2", lease.AccessToken);
        Assert.Equal(0, _gateway.Tokens.Refreshes);
    }

    /// <summary>The grant store, whose first read of the tokens comes back as they were before the last refresh.</summary>
    private sealed class FirstReadStale(IAssistantGrantStore store, AssistantTokens stale) : IAssistantGrantStore
    {
        private int _reads;

        public Task<AssistantTokens?> GetTokensAsync(string accountId, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _reads) == 1 ? Task.FromResult<AssistantTokens?>(stale) : store.GetTokensAsync(accountId, cancellationToken);

        public Task SaveTokensAsync(string accountId, AssistantTokens tokens, DateTimeOffset at, CancellationToken cancellationToken) =>
            store.SaveTokensAsync(accountId, tokens, at, cancellationToken);

        public Task DropTokensAsync(string accountId, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
            store.DropTokensAsync(accountId, reason, at, cancellationToken);

        public Task<AssistantGrantStatus> GetStatusAsync(string accountId, CancellationToken cancellationToken) =>
            store.GetStatusAsync(accountId, cancellationToken);

        public Task RecordReportAsync(string accountId, DateTimeOffset at, string status, string? error, CancellationToken cancellationToken) =>
            store.RecordReportAsync(accountId, at, status, error, cancellationToken);

        public Task AddDroppedAsync(string accountId, long count, CancellationToken cancellationToken) =>
            store.AddDroppedAsync(accountId, count, cancellationToken);
    }

    [Fact]
    public async Task A_401_for_a_token_already_replaced_uses_the_new_one_without_another_refresh()
    {
        _gateway.Grant(access: "Atza|new");

        var lease = await _gateway.Keeper.GetAccessTokenAsync(FakeEventGateway.AccountId, rejected: "Atza|old", CancellationToken.None);

        Assert.Equal("Atza|new", lease.AccessToken);
        Assert.Equal(0, _gateway.Tokens.Refreshes);
    }

    [Fact]
    public async Task An_outage_loses_nothing_queued_the_newest_state_per_endpoint_wins_and_reports_resume()
    {
        _gateway.Grant();
        var down = true;
        _gateway.Answer = _ => down ? (503, EventGatewayCodes.ServiceUnavailable, null) : (202, null, null);
        await _gateway.Sender.StartAsync(CancellationToken.None);
        try
        {
            _gateway.Change(power: "ON");
            await WaitUntilAsync(() => _gateway.Received.Count >= 1);
            _gateway.Change(power: "OFF");
            _gateway.Change("plug-2", power: "ON");

            down = false;
            await WaitUntilAsync(() =>
            {
                _gateway.Time.Advance(TimeSpan.FromSeconds(1));
                return _gateway.Queue.Count == 0;
            });

            var accepted = _gateway.Received.Skip(1).Select(r => r.Event["event"]!).ToList();
            Assert.Equal([("plug-1", "OFF"), ("plug-2", "ON")],
                accepted.Select(e => ((string?)e["endpoint"]!["endpointId"], (string?)e["payload"]!["change"]!["properties"]![0]!["value"])));
            Assert.Equal(0L, (await StatusAsync()).ReportsDropped);
        }
        finally
        {
            await _gateway.Sender.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_unreachable_event_gateway_backs_off_and_keeps_the_report()
    {
        _gateway.Grant();
        _gateway.Options.EventGatewayUrl = new Uri(LoopbackHost.ClosedAddress(), "/v3/events");

        Assert.Equal(AssistantEventSender.FirstRetry, await _gateway.Sender.SendAsync(_gateway.Change(), CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(1, _gateway.Queue.Count);
        Assert.Equal((ReportStatuses.Failed, EventGatewayCodes.Unreachable), ((await StatusAsync()).LastReportStatus, (await StatusAsync()).LastReportError));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_report_counted_for_its_account()
    {
        await using var small = await FakeEventGateway.StartAsync(capacity: 2);
        small.Grant();
        var lamp = new SmartHome.VendorCloud.Accounts.Device(TestWorld.DeviceId, TestWorld.HomeId, FakeEventGateway.AccountId, "lamp", "M", "DW3HL-SIM", null, null);
        foreach (var id in new[] { "plug-1", "plug-2", "plug-3" })
        {
            await small.Reporter.DeviceAddedAsync(lamp with { DeviceId = id }, CancellationToken.None);
        }

        Assert.Equal(2, small.Queue.Count);
        Assert.Equal("plug-2", (await small.Queue.PeekAsync(CancellationToken.None)).Draft.EndpointId);
        Assert.Equal(1L, (await small.Store.GetStatusAsync(FakeEventGateway.AccountId, CancellationToken.None)).ReportsDropped);
    }

    [Fact]
    public async Task Outcomes_are_counted_by_event_and_outcome_and_the_queue_is_a_gauge()
    {
        var counted = new System.Collections.Concurrent.ConcurrentQueue<(string Name, long Value, string? Event, string? Outcome)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == _gateway.Meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => counted.Enqueue((instrument.Name, value,
            tags.ToArray().FirstOrDefault(t => t.Key == "event").Value as string, tags.ToArray().FirstOrDefault(t => t.Key == "outcome").Value as string)));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => counted.Enqueue((instrument.Name, value, null, null)));
        listener.Start();
        _gateway.Grant();
        _gateway.Answer = _ => (403, EventGatewayCodes.SkillDisabled, null);
        var first = _gateway.Change();
        _gateway.Change("plug-2");
        listener.RecordObservableInstruments();

        await _gateway.Sender.SendAsync(first, CancellationToken.None).WaitAsync(Bound);

        Assert.Contains(("smarthome.vendor.assistant_events_queued", 2L, (string?)null, (string?)null), counted);
        Assert.Contains(("smarthome.vendor.assistant_events", 1L, "ChangeReport", "refused"), counted);
        Assert.Contains(("smarthome.vendor.assistant_events", 2L, "ChangeReport", "dropped"), counted);
    }

    [Fact]
    public async Task An_account_that_never_granted_anything_sends_nothing_and_counts_nothing()
    {
        var pending = _gateway.Change();

        Assert.Null(await _gateway.Sender.SendAsync(pending, CancellationToken.None).WaitAsync(Bound));

        Assert.Empty(_gateway.Received);
        Assert.Equal(AssistantGrantStatus.Never, await StatusAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
