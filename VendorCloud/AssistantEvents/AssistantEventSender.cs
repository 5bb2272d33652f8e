using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Sends the queued events to the event gateway, oldest first, one at a time. An event stays queued until the gateway
/// has taken it (202) or refused it for good: a 429 waits its Retry-After, a 5xx or no answer waits a growing backoff
/// (1 s doubling to 30 s) and tries the same event again, so an outage loses nothing that was queued. A 401 gets one
/// refresh and one retry; SKILL_DISABLED_EXCEPTION (or invalid_grant on refresh) loses the account's grant and drops its
/// queued events, counted. The return path's state is logged once per change, not once per event.
/// </summary>
internal sealed partial class AssistantEventSender(
    PendingEventQueue queue,
    AssistantTokenKeeper keeper,
    IEventGatewayClient gateway,
    IAssistantGrantStore store,
    AssistantEventMetrics metrics,
    IOptions<AssistantEventsOptions> options,
    TimeProvider time,
    ILogger<AssistantEventSender> logger,
    IPendingEventJournal? journal = null) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private int _failuresInARow;
    private string? _returnPathProblem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            LogNotConfigured(logger);
            return;
        }

        await RestoreAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = await queue.PeekAsync(stoppingToken);
            TimeSpan? wait;
            try
            {
                wait = await SendAsync(pending, stoppingToken);
                if (wait is null)
                {
                    await ForgetAsync(pending, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Redis away (status records): the event stays and is tried again.
                LogSendFailed(logger, pending.Draft.Name, ex.GetType().Name);
                wait = Backoff();
            }

            if (wait is { } delay)
            {
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>Tries the event once (with one refresh on 401); null when it is done with, else how long to wait before trying again.</summary>
    public async Task<TimeSpan?> SendAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        using var activity = VendorCloudTelemetry.Source.StartActivity($"report {pending.Draft.Name} {pending.Draft.EndpointId}".TrimEnd(),
            ActivityKind.Internal, pending.Parent);
        activity?.SetTag("smarthome.account.id", pending.AccountId);
        activity?.SetTag("alexa.endpoint.id", pending.Draft.EndpointId);
        activity?.SetTag("alexa.event.name", pending.Draft.Name);

        var lease = await keeper.GetAccessTokenAsync(pending.AccountId, rejected: null, cancellationToken);
        var answer = lease.Status == TokenLeaseStatus.Ready ? await gateway.PostAsync(pending.Draft.Build(lease.AccessToken!), lease.AccessToken!, cancellationToken) : null;
        if (answer?.Status == HttpStatusCode.Unauthorized)
        {
            // The token may have been expired or revoked early: one refresh, one retry, then it is refused.
            activity?.AddEvent(new ActivityEvent("access token refused: refreshed once"));
            lease = await keeper.GetAccessTokenAsync(pending.AccountId, lease.AccessToken, cancellationToken);
            answer = lease.Status == TokenLeaseStatus.Ready ? await gateway.PostAsync(pending.Draft.Build(lease.AccessToken!), lease.AccessToken!, cancellationToken) : null;
        }

        if (answer is null)
        {
            return await WithoutTokenAsync(pending, lease, activity, cancellationToken);
        }

        activity?.SetTag("http.response.status_code", (int?)answer.Status);
        if (answer.Accepted)
        {
            await store.RecordReportAsync(pending.AccountId, time.GetUtcNow(), ReportStatuses.Accepted, null, cancellationToken);
            ReturnPathUp();
            queue.Complete(pending);
            metrics.Event(pending.Draft.Name, AssistantEventMetrics.Accepted);
            return null;
        }

        activity?.SetTag("alexa.event_gateway.code", answer.Code);
        activity?.SetStatus(ActivityStatusCode.Error, answer.Code);
        if (answer.Status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
        {
            await store.RecordReportAsync(pending.AccountId, time.GetUtcNow(), ReportStatuses.Failed, answer.Code, cancellationToken);
            metrics.Event(pending.Draft.Name, AssistantEventMetrics.Failed);
            if (answer.Status == HttpStatusCode.TooManyRequests)
            {
                return answer.RetryAfter ?? Backoff();
            }

            ReturnPathDown($"{answer.Code}{(answer.Problem is null ? "" : $": {answer.Problem}")}");
            return Backoff();
        }

        // Refused for good: the gateway answered, so the path itself is up.
        ReturnPathUp();
        await store.RecordReportAsync(pending.AccountId, time.GetUtcNow(), ReportStatuses.Refused, answer.Code, cancellationToken);
        LogRefused(logger, pending.Draft.Name, pending.AccountId, answer.Code ?? "?");
        metrics.Event(pending.Draft.Name, AssistantEventMetrics.Refused);
        if (answer.Code == EventGatewayCodes.SkillDisabled)
        {
            await keeper.MarkLostAsync(pending.AccountId, GrantLossReasons.SkillDisabled, cancellationToken);
        }

        await DropAsync(pending, alsoQueued: answer.Code == EventGatewayCodes.SkillDisabled, cancellationToken);
        return null;
    }

    private async Task<TimeSpan?> WithoutTokenAsync(PendingEvent pending, TokenLease lease, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag("smarthome.assistant_grant", lease.Status.ToString());
        switch (lease.Status)
        {
            case TokenLeaseStatus.NoGrant:
                // Nobody to report to: not a loss.
                queue.Complete(pending);
                return null;
            case TokenLeaseStatus.Lost:
                activity?.SetStatus(ActivityStatusCode.Error, "assistant grant lost");
                await DropAsync(pending, alsoQueued: true, cancellationToken);
                return null;
            default:
                ReturnPathDown($"token service: {lease.Problem}");
                return Backoff();
        }
    }

    /// <summary>The reports kept from before a restart, queued again (Redis may take a moment to answer at start).</summary>
    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (journal is null)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var kept = await journal.LoadAsync(cancellationToken);
                var restored = kept.Count(queue.Restore);
                if (restored > 0)
                {
                    LogRestored(logger, restored);
                }

                return;
            }
            catch (Exception ex) when (attempt < 10 && !cancellationToken.IsCancellationRequested)
            {
                LogSendFailed(logger, "restore", ex.GetType().Name);
                await Task.Delay(FirstRetry, time, cancellationToken);
            }
        }
    }

    /// <summary>The event is done with: the journal keeps what is still queued under its key (a newer one merged in), else nothing.</summary>
    private Task ForgetAsync(PendingEvent done, CancellationToken cancellationToken) => journal is null
        ? Task.CompletedTask
        : queue.Find(done.Key) is { } newer ? journal.SaveAsync(newer, cancellationToken) : journal.RemoveAsync(done.Key, cancellationToken);

    /// <summary>Drops the event (and, when the grant is gone, every other event of its account), counted for the support view.</summary>
    private async Task DropAsync(PendingEvent pending, bool alsoQueued, CancellationToken cancellationToken)
    {
        queue.Complete(pending);
        if (alsoQueued && journal is not null)
        {
            await journal.RemoveAccountAsync(pending.AccountId, cancellationToken);
        }

        var dropped = 1 + (alsoQueued ? queue.RemoveAccount(pending.AccountId) : 0);
        metrics.Event(pending.Draft.Name, AssistantEventMetrics.Dropped, dropped);
        await store.AddDroppedAsync(pending.AccountId, dropped, cancellationToken);
    }

    private TimeSpan Backoff()
    {
        var failures = Math.Min(++_failuresInARow, 16);
        var delay = FirstRetry * Math.Pow(2, failures - 1);
        return delay < LongestRetry ? delay : LongestRetry;
    }

    private void ReturnPathUp()
    {
        _failuresInARow = 0;
        if (_returnPathProblem is not null)
        {
            _returnPathProblem = null;
            LogReturnPathUp(logger, queue.Count);
        }
    }

    private void ReturnPathDown(string problem)
    {
        if (_returnPathProblem is null)
        {
            _returnPathProblem = problem;
            LogReturnPathDown(logger, problem, queue.Count, queue.Capacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Assistant events are not configured (AssistantEvents): AcceptGrant fails and no device change is reported")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The assistant's event gateway cannot be reached ({Problem}): reports wait in the queue ({Queued} of at most {Capacity}) until it is back")]
    private static partial void LogReturnPathDown(ILogger logger, string problem, int queued, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Restored} reports kept from before the restart are queued again")]
    private static partial void LogRestored(ILogger logger, int restored);

    [LoggerMessage(Level = LogLevel.Information, Message = "The assistant's event gateway is reachable again; {Queued} reports queued")]
    private static partial void LogReturnPathUp(ILogger logger, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event gateway refused a {EventName} of account {AccountId}: {Code}; dropped")]
    private static partial void LogRefused(ILogger logger, string eventName, string accountId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {EventName} could not be sent ({Error}); tried again")]
    private static partial void LogSendFailed(ILogger logger, string eventName, string error);
}
