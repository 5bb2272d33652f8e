using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Seeding;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>What removing or adding a device did: the device and its home, or why nothing was done.</summary>
internal sealed record AccountDeviceResult(string? AccountId, string? HomeId, string? DeviceId, string? Error, string? Description)
{
    public static AccountDeviceResult Failed(string error, string description) => new(null, null, null, error, description);
}

/// <summary>
/// The owner removes a device from the account in the maker's app, or adds it back (claims it again): the directory
/// changes, and the assistant hears of it by a DeleteReport or an AddOrUpdateReport (where the account granted the
/// maker its permission to report). A device is added back as the declared world describes it (its home, name,
/// kind); the world's seeding, at the next start or world reload, adds every declared device back too.
/// </summary>
internal sealed partial class AccountDevices(
    IVendorDirectory directory,
    WorldSource world,
    AssistantEventReporter reporter,
    ILogger<AccountDevices> logger)
{
    public const string UnknownAccount = "unknown_account";
    public const string UnknownDevice = "unknown_device";

    public async Task<AccountDeviceResult> RemoveAsync(string email, string deviceId, string? homeId, CancellationToken cancellationToken)
    {
        if (await directory.FindAccountByEmailAsync(email.Trim(), cancellationToken) is not { } account)
        {
            return AccountDeviceResult.Failed(UnknownAccount, "No vendor account has this e-mail address.");
        }

        var device = (await directory.ListAccountDevicesAsync(account.AccountId, cancellationToken))
            .FirstOrDefault(d => d.DeviceId == deviceId && (homeId is null || d.HomeId == homeId));
        if (device is null || !await directory.RemoveDeviceAsync(device.HomeId, device.DeviceId, cancellationToken))
        {
            return AccountDeviceResult.Failed(UnknownDevice, "The account has no such device.");
        }

        await reporter.DeviceRemovedAsync(account.AccountId, device.DeviceId, cancellationToken);
        LogRemoved(logger, account.AccountId, device.HomeId, device.DeviceId);
        return new AccountDeviceResult(account.AccountId, device.HomeId, device.DeviceId, null, null);
    }

    public async Task<AccountDeviceResult> AddAsync(string email, string deviceId, string? homeId, CancellationToken cancellationToken)
    {
        if (await directory.FindAccountByEmailAsync(email.Trim(), cancellationToken) is not { } account)
        {
            return AccountDeviceResult.Failed(UnknownAccount, "No vendor account has this e-mail address.");
        }

        var declared = world.Current.HomesOf(account.Email)
            .Where(h => homeId is null || h.Id == homeId)
            .SelectMany(h => h.Devices.Select(d => (Home: h, Device: d)))
            .FirstOrDefault(x => x.Device.Id == deviceId);
        if (declared.Device is null)
        {
            return AccountDeviceResult.Failed(UnknownDevice, "No device with this id is declared in the account's homes.");
        }

        var device = new Device(declared.Device.Id, declared.Home.Id, account.AccountId, declared.Device.Name, VendorWorldSeeder.Manufacturer,
            VendorWorldSeeder.ModelOf(declared.Device.Kind), $"SIM-{declared.Device.Id}", "1.0.0", declared.Device.Kind, declared.Device.Room);
        await directory.SaveDeviceAsync(device, cancellationToken);
        await reporter.DeviceAddedAsync(device, cancellationToken);
        LogAdded(logger, account.AccountId, device.HomeId, device.DeviceId);
        return new AccountDeviceResult(account.AccountId, device.HomeId, device.DeviceId, null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of home {HomeId} removed from account {AccountId}")]
    private static partial void LogRemoved(ILogger logger, string accountId, string homeId, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of home {HomeId} added to account {AccountId}")]
    private static partial void LogAdded(ILogger logger, string accountId, string homeId, string deviceId);
}
