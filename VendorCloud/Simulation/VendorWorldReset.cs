using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Seeding;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The vendor's part of "Reset the world": the outage and latency switches off, every <c>vendor:</c> key
/// wiped (accounts, homes, devices, grants, tokens, counters) and the world seeded again with the same
/// secrets; the account has no sign-in until the assistant links it again through the sign-in form.
/// Device shadows are kept: they are what the home last reported, not seeded state, and the home goes on
/// reporting over its open uplink. So are the claims of the uplink directory: the sockets stay open.
/// </summary>
internal sealed partial class VendorWorldReset(
    WorldStore world, CloudFaults faults, VendorWorldSeeder seeder, RecentAccessTokens recentAccessTokens,
    RecentClients recentClients, ILogger<VendorWorldReset> logger) : IWorldResetPart
{
    private const string ShadowPrefix = "vendor:shadow:";
    private const string UplinkPrefix = "vendor:uplink:";

    public IReadOnlyList<string> After => [];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        var deleted = await world.DeleteKeysAsync("vendor:", key => key.StartsWith(ShadowPrefix, StringComparison.Ordinal) || key.StartsWith(UplinkPrefix, StringComparison.Ordinal), cancellationToken);
        // The seeding registers the OAuth client only if it is not stored: asked of Redis, not of what this replica read before the wipe.
        recentClients.Clear();
        await seeder.SeedAsync(cancellationToken);
        LogReset(logger, deleted);
    }

    /// <summary>Every replica: its copy of the switches off (the shared ones went with the wipe), its copies of the wiped tokens gone.</summary>
    public Task ResetReplicaAsync(CancellationToken cancellationToken)
    {
        faults.SetOutage(false);
        faults.TrySetLatency(0);
        recentAccessTokens.Clear();
        recentClients.Clear();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vendor reset: {Deleted} keys wiped, the world seeded again")]
    private static partial void LogReset(ILogger logger, int deleted);
}
