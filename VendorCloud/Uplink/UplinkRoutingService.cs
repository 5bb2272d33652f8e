using StackExchange.Redis;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// Keeps this replica in the routing of commands: listens on its channels (<see cref="UplinkRelay"/>), retrying while
/// Redis is away at start, and renews its claims on the homes whose sockets it holds every <see cref="RenewEvery"/>.
/// </summary>
internal sealed partial class UplinkRoutingService(
    UplinkRelay relay,
    HomeUplinks homes,
    IUplinkDirectory directory,
    UplinkRegistry registry,
    ILogger<UplinkRoutingService> logger) : BackgroundService
{
    /// <summary>A third of a claim's lifetime: two renewals may fail before another replica could take a home over.</summary>
    public static readonly TimeSpan RenewEvery = RedisUplinkDirectory.ClaimLifetime / 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        var listening = false;
        do
        {
            try
            {
                if (!listening)
                {
                    await relay.ListenAsync(homes.ServeForwardedAsync, stoppingToken);
                    listening = true;
                    LogListening(logger, relay.Replica.ToString());
                }

                await directory.RenewAsync(registry.HeldHomes(), stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRoutingFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vendor replica {Replica} listens for forwarded commands")]
    private static partial void LogListening(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink routing through Redis failed (retried): {Problem}")]
    private static partial void LogRoutingFailed(ILogger logger, string problem);
}
