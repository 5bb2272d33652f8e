using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Seeding;

/// <summary>
/// Seeds the default world idempotently: the owner's account, the home with its gateway, the bedroom
/// lamp claimed into the account, the assistant's OAuth client. An existing account keeps its password
/// (changing it is the person's act, and revokes grants); the gateway secret and the client's secret and
/// redirect URI follow configuration, which owns them (the assistant's callback port can change per run).
/// </summary>
internal sealed partial class VendorWorldSeeder(
    IVendorDirectory directory,
    IOptions<WorldOptions> world,
    IOptions<OAuthOptions> oauth,
    TimeProvider time,
    ILogger<VendorWorldSeeder> logger)
{
    public const string DeviceModel = "DW3HL-SIM";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var w = world.Value;
        Require(w.OwnerEmail, "World:OwnerEmail");
        Require(w.OwnerPassword, "World:OwnerPassword");
        Require(w.HomeId, "World:HomeId");
        Require(w.GatewaySecret, "World:GatewaySecret");
        Require(w.DeviceId, "World:DeviceId");
        Require(oauth.Value.ClientId, "OAuth:ClientId");
        Require(oauth.Value.ClientSecret, "OAuth:ClientSecret");
        Require(oauth.Value.RedirectUri, "OAuth:RedirectUri");

        var account = await directory.CreateAccountIfAbsentAsync(
            new Account($"acct-{Guid.NewGuid():N}", w.OwnerEmail.Trim(), SecretHasher.HashPassword(w.OwnerPassword), time.GetUtcNow(), null),
            cancellationToken);

        var home = await directory.GetHomeAsync(w.HomeId, cancellationToken);
        var gatewaySecretHash = SecretHasher.HashToken(w.GatewaySecret);
        if (home is null || home.AccountId != account.AccountId || home.GatewaySecretHash != gatewaySecretHash)
        {
            await directory.SaveHomeAsync(new Home(w.HomeId, account.AccountId, gatewaySecretHash), cancellationToken);
        }

        var device = new Device(w.DeviceId, w.HomeId, account.AccountId,
            string.IsNullOrWhiteSpace(w.DeviceName) ? "bedroom lamp" : w.DeviceName,
            "SmartHome Devices", DeviceModel, $"SIM-{w.DeviceId}", "1.0.0");
        var existingDevice = await directory.GetDeviceAsync(w.DeviceId, cancellationToken);
        if (existingDevice != device)
        {
            await directory.SaveDeviceAsync(device, cancellationToken);
        }

        var client = await directory.GetClientAsync(oauth.Value.ClientId, cancellationToken);
        var clientSecretHash = SecretHasher.HashToken(oauth.Value.ClientSecret);
        if (client is null || client.SecretHash != clientSecretHash || client.RedirectUri != oauth.Value.RedirectUri)
        {
            await directory.SaveClientAsync(new OAuthClient(oauth.Value.ClientId, clientSecretHash, oauth.Value.RedirectUri), cancellationToken);
        }

        LogSeeded(logger, account.AccountId, w.HomeId, w.DeviceId, oauth.Value.ClientId);
    }

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Configuration '{key}' is required to seed the world.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "World seeded: account {AccountId}, home {HomeId}, device {DeviceId}, OAuth client {ClientId}")]
    private static partial void LogSeeded(ILogger logger, string accountId, string homeId, string deviceId, string clientId);
}
