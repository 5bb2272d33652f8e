using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Backfills the link index once at start (links saved before it existed), then recounts it every
/// <see cref="RefreshPeriod"/> into <see cref="LinkCounts"/>. A Redis that does not answer is retried on the
/// next round; the gauge keeps the last counts meanwhile.
/// </summary>
internal sealed partial class LinkIndexService(IAssistantStore store, LinkCounts counts, ILogger<LinkIndexService> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Timers stay real in the simulation: the refresh does not follow /sim/clock.
        using var timer = new PeriodicTimer(RefreshPeriod);
        var backfilled = false;
        do
        {
            try
            {
                backfilled = backfilled || await BackfillAsync(stoppingToken);
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogCountFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> BackfillAsync(CancellationToken cancellationToken)
    {
        var indexed = await store.IndexAllLinksAsync(cancellationToken);
        LogBackfilled(indexed);
        return true;
    }

    /// <summary>Counts every skill's links into <see cref="LinkCounts"/>, summed by state.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var total = Enum.GetValues<LinkState>().ToDictionary(state => state, _ => 0L);
        foreach (var skill in Skills.All)
        {
            foreach (var (state, count) in await store.CountLinksAsync(skill, cancellationToken))
            {
                total[state] += count;
            }
        }

        counts.Update(total);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Link index backfilled: {Indexed} links")]
    private partial void LogBackfilled(int indexed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting links by state failed: {Reason}")]
    private partial void LogCountFailed(string reason);
}
