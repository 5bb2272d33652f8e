using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Runs <see cref="EventGrantBackfill"/> at start, again with backoff (<see cref="FirstRetryDelay"/> doubling up to
/// <see cref="LongestRetryDelay"/>) while some link still lacks its grant or a pass failed (Redis or the vendor not
/// reachable), and every <see cref="RecheckPeriod"/> after that (a later link whose AcceptGrant went unanswered).
/// </summary>
internal sealed partial class EventGrantBackfillService(
    EventGrantBackfill backfill,
    IAssistantStore store,
    ILogger<EventGrantBackfillService> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan RecheckPeriod = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexed = false;
        var retryDelay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                // Links saved before the link index existed are found only once they are indexed.
                indexed = indexed || await store.IndexAllLinksAsync(stoppingToken) >= 0;
                var result = await backfill.RunAsync(stoppingToken);
                next = result.Pending == 0 ? RecheckPeriod : retryDelay;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex.Message, retryDelay);
                next = retryDelay;
            }

            retryDelay = next == RecheckPeriod ? FirstRetryDelay : Min(retryDelay * 2, LongestRetryDelay);
            // Timers stay real in the simulation: the retries do not follow /sim/clock.
            try
            {
                await Task.Delay(next, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event grant backfill failed: {Reason}; next pass in {Delay}")]
    private partial void LogPassFailed(string reason, TimeSpan delay);
}
