using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;
using SmartHome.VendorCloud.Seeding;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>The body of <c>POST /sim/accounts</c>: a further vendor account with its own home and lamp.</summary>
internal sealed record SimAccountRequest(
    string? Email,
    string? Password,
    string? HomeId,
    string? GatewaySecret,
    string? DeviceId,
    string? DeviceName);

/// <summary>The outcome: the account (and whether it is new), or why not (a conflict or bad input).</summary>
internal sealed record SimAccountResult(string? AccountId, bool Created, string? Conflict, string? Invalid);

/// <summary>
/// Creates further accounts as the seeding creates the default one, idempotently: an existing account keeps
/// its password; a home or device that belongs to another account is a conflict, never taken over.
/// </summary>
internal sealed partial class SimulatedAccounts(IVendorDirectory directory, TimeProvider time, ILogger<SimulatedAccounts> logger)
{
    public async Task<SimAccountResult> ProvisionAsync(SimAccountRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || string.IsNullOrWhiteSpace(request.HomeId)
            || string.IsNullOrEmpty(request.GatewaySecret) || string.IsNullOrWhiteSpace(request.DeviceId))
        {
            return new SimAccountResult(null, false, null, "email, password, homeId, gatewaySecret and deviceId are required.");
        }

        var email = request.Email.Trim();
        if (await OwnerEmailAsync((await directory.GetHomeAsync(request.HomeId, cancellationToken))?.AccountId, cancellationToken) is { } homeOwner
            && !SameEmail(homeOwner, email))
        {
            return new SimAccountResult(null, false, $"Home {request.HomeId} belongs to another account.", null);
        }

        var existingDevice = await directory.GetDeviceAsync(request.DeviceId, cancellationToken);
        if (await OwnerEmailAsync(existingDevice?.AccountId, cancellationToken) is { } deviceOwner && !SameEmail(deviceOwner, email))
        {
            return new SimAccountResult(null, false, $"Device {request.DeviceId} belongs to another account.", null);
        }

        var candidate = new Account($"acct-{Guid.NewGuid():N}", email, SecretHasher.HashPassword(request.Password), time.GetUtcNow(), null);
        var account = await directory.CreateAccountIfAbsentAsync(candidate, cancellationToken);
        var created = account.AccountId == candidate.AccountId;

        await directory.SaveHomeAsync(new Home(request.HomeId, account.AccountId, SecretHasher.HashToken(request.GatewaySecret)), cancellationToken);
        var device = new Device(request.DeviceId, request.HomeId, account.AccountId,
            string.IsNullOrWhiteSpace(request.DeviceName) ? "lamp" : request.DeviceName.Trim(),
            "SmartHome Devices", WorldSeeder.DeviceModel, $"SIM-{request.DeviceId}", "1.0.0");
        if (existingDevice != device)
        {
            await directory.SaveDeviceAsync(device, cancellationToken);
        }

        LogProvisioned(logger, account.AccountId, request.HomeId, request.DeviceId, created);
        return new SimAccountResult(account.AccountId, created, null, null);
    }

    private async Task<string?> OwnerEmailAsync(string? accountId, CancellationToken cancellationToken) =>
        accountId is null ? null : (await directory.GetAccountAsync(accountId, cancellationToken))?.Email;

    private static bool SameEmail(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation account {AccountId} with home {HomeId} and device {DeviceId} provisioned (new: {Created})")]
    private static partial void LogProvisioned(ILogger logger, string accountId, string homeId, string deviceId, bool created);
}
