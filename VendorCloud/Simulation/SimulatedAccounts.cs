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
/// Creates further accounts as the seeding creates the default one, idempotently. The endpoint is
/// unauthenticated, so one account never touches another through it: an existing account is provisioned into
/// only with its password; an existing home keeps its gateway secret (it is never re-keyed: the real gateway
/// keeps its uplink); a home or device that belongs to another account is a conflict, never taken over.
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
        var existingAccount = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (existingAccount is not null && !SecretHasher.VerifyPassword(request.Password, existingAccount.PasswordHash))
        {
            LogRefused(logger, "wrong password for an existing account");
            return Conflict("An account with this e-mail exists; provisioning into it needs its password.");
        }

        var home = await directory.GetHomeAsync(request.HomeId, cancellationToken);
        if (home is not null && (home.AccountId != existingAccount?.AccountId || !SecretHasher.VerifyToken(request.GatewaySecret, home.GatewaySecretHash)))
        {
            LogRefused(logger, "existing home");
            return Conflict($"Home {request.HomeId} exists with another account or another gateway secret; a home is never re-keyed.");
        }

        var existingDevice = await directory.GetDeviceAsync(request.HomeId, request.DeviceId, cancellationToken);
        if (existingDevice is not null && existingDevice.AccountId != existingAccount?.AccountId)
        {
            LogRefused(logger, "device of another account");
            return Conflict($"Device {request.DeviceId} belongs to another account.");
        }

        var candidate = new Account($"acct-{Guid.NewGuid():N}", email, SecretHasher.HashPassword(request.Password), time.GetUtcNow(), null);
        var account = await directory.CreateAccountIfAbsentAsync(candidate, cancellationToken);
        var created = account.AccountId == candidate.AccountId;
        if (!created && account.AccountId != existingAccount?.AccountId)
        {
            // Someone created the account between our read and our write: theirs, unless the password is theirs too.
            return Conflict("An account with this e-mail was created at the same time; try again.");
        }

        if (home is null)
        {
            await directory.SaveHomeAsync(new Home(request.HomeId, account.AccountId, SecretHasher.HashToken(request.GatewaySecret)), cancellationToken);
        }

        var device = new Device(request.DeviceId, request.HomeId, account.AccountId,
            string.IsNullOrWhiteSpace(request.DeviceName) ? "lamp" : request.DeviceName.Trim(),
            VendorWorldSeeder.Manufacturer, VendorWorldSeeder.DeviceModel, $"SIM-{request.DeviceId}", "1.0.0");
        if (existingDevice != device)
        {
            await directory.SaveDeviceAsync(device, cancellationToken);
        }

        LogProvisioned(logger, account.AccountId, request.HomeId, request.DeviceId, created);
        return new SimAccountResult(account.AccountId, created, null, null);
    }

    private static SimAccountResult Conflict(string reason) => new(null, false, reason, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation account {AccountId} with home {HomeId} and device {DeviceId} provisioned (new: {Created})")]
    private static partial void LogProvisioned(ILogger logger, string accountId, string homeId, string deviceId, bool created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulation account provisioning refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
