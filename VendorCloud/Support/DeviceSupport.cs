using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Support;

/// <summary>
/// Builds the support view of a device for an authenticated client. It reads only what the vendor already
/// knows (directory, grants, uplinks, shadows), so it answers when the person's tokens or the home do not.
/// </summary>
internal sealed partial class DeviceSupport(
    IVendorDirectory directory,
    GrantViews grants,
    UplinkRegistry registry,
    IDeviceShadowStore shadows,
    IAssistantGrantStore assistantGrants,
    ILogger<DeviceSupport> logger,
    UplinkRelay? relay = null)
{
    /// <summary>
    /// The view, or null for a device that does not exist or whose account never granted <paramref name="client"/>
    /// anything: a client learns nothing about devices outside its links, not even that they exist.
    /// </summary>
    public async Task<SupportDeviceView?> GetDeviceAsync(OAuthClient client, string deviceId, string? homeId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Device> candidates = homeId is null
            ? await directory.FindDevicesByIdAsync(deviceId, cancellationToken)
            : await directory.GetDeviceAsync(homeId, deviceId, cancellationToken) is { } inHome ? [inHome] : [];
        var granted = new List<(Device Device, GrantView Grant)>();
        foreach (var candidate in candidates)
        {
            if (await grants.FindNewestGrantAsync(candidate.AccountId, client.ClientId, cancellationToken) is { } found)
            {
                granted.Add((candidate, found));
            }
        }

        // Several granted homes with this id and no home named: no guess, as for a device that does not exist.
        if (granted.Count != 1)
        {
            LogUnknownDevice(logger, client.ClientId, deviceId);
            return null;
        }

        var (device, grant) = granted[0];
        var shadow = await shadows.GetAsync(device.HomeId, device.DeviceId, cancellationToken);
        var state = shadow is null || (shadow.PowerState is null && shadow.Brightness is null)
            ? null
            : new LightState(shadow.PowerState, shadow.Brightness);
        var uplink = registry.GetStatus(device.HomeId);
        var online = registry.GetAvailability(device.HomeId, device.DeviceId);
        if (!uplink.Connected && relay is not null && await relay.FindHolderAsync(device.HomeId, cancellationToken) is not null)
        {
            // Another replica holds the home's socket (cloud-replicas): the home is connected there, and the device's
            // availability is what the home last reported, its shadow; so the view is the same whichever replica answers.
            uplink = new HomeUplinkState(true, null, shadow?.UpdatedAt);
            online = shadow?.Online;
        }

        return new SupportDeviceView(
            device.DeviceId,
            device.HomeId,
            device.Name,
            new SupportGrant(grant.State, grant.RevokedReason, grant.CreatedAt, grant.LastUsedAt),
            uplink,
            new SupportDevice(online, state, shadow?.UpdatedAt),
            await assistantGrants.GetStatusAsync(device.AccountId, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Support view of device {DeviceId} refused to client {ClientId}: unknown device or no grant")]
    private static partial void LogUnknownDevice(ILogger logger, string clientId, string deviceId);
}
