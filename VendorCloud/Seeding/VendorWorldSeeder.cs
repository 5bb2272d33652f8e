using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Seeding;

/// <summary>
/// Seeds the declared world idempotently: every vendor account, every home with its gateway, every device
/// claimed into its account, the assistant's OAuth client. An existing account keeps its password
/// (changing it is the person's act, and revokes grants), and a password is hashed only for an account
/// that is new, so seeding again is fast; the gateway secrets and the client's secret and redirect URI
/// follow configuration, which owns them (the assistant's callback port can change per run). A device new in (or
/// changed in) an account whose grant to report is active becomes an AddOrUpdateReport. Homes are
/// seeded a few at a time, so that a fleet of a thousand takes seconds. A world file edited while the
/// vendor runs is seeded again (a device added appears at the next discovery); nothing is removed.
/// </summary>
internal sealed partial class VendorWorldSeeder(
    IVendorDirectory directory,
    WorldSource worldSource,
    IOptions<WorldOptions> secrets,
    IOptions<OAuthOptions> oauth,
    AssistantEventReporter reporter,
    Conformance.ConformanceAccountSeeder conformance,
    TimeProvider time,
    ILogger<VendorWorldSeeder> logger)
{
    public const string DeviceModel = "DW3HL-SIM";
    public const string Manufacturer = "SmartHome Devices";

    /// <summary>How many accounts are seeded at once: Redis round trips overlap, the CPU (password hashing) stays shared.</summary>
    private const int Parallelism = 8;

    public static string ModelOf(DeviceKind kind) => kind switch
    {
        DeviceKind.DimmablePlug => DeviceModel,
        DeviceKind.OnOffPlug => "SP15-SIM",
        _ => "A19D-SIM",
    };

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var s = secrets.Value;
        var world = worldSource.Current;
        Require(s.OwnerPassword, "World:OwnerPassword");
        Require(s.GatewaySecret, "World:GatewaySecret");
        Require(oauth.Value.ClientId, "OAuth:ClientId");
        Require(oauth.Value.ClientSecret, "OAuth:ClientSecret");
        Require(oauth.Value.RedirectUri, "OAuth:RedirectUri");

        await Parallel.ForEachAsync(world.VendorAccounts,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (account, token) => await SeedAccountAsync(world, account, s, token));

        var client = await directory.GetClientAsync(oauth.Value.ClientId, cancellationToken);
        var clientSecretHash = SecretHasher.HashToken(oauth.Value.ClientSecret);
        if (client is null || client.SecretHash != clientSecretHash || client.RedirectUri != oauth.Value.RedirectUri)
        {
            await directory.SaveClientAsync(new OAuthClient(oauth.Value.ClientId, clientSecretHash, oauth.Value.RedirectUri), cancellationToken);
        }

        await conformance.SeedAsync(cancellationToken);
        LogSeeded(logger, world.VendorAccounts.Count, world.Homes.Count, world.Homes.Sum(h => h.Devices.Count), oauth.Value.ClientId);
    }

    private async Task SeedAccountAsync(World world, WorldAccount declared, WorldOptions s, CancellationToken cancellationToken)
    {
        var email = declared.Email.Trim();
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken)
            ?? await directory.CreateAccountIfAbsentAsync(
                new Account($"acct-{Guid.NewGuid():N}", email,
                    SecretHasher.HashPassword(WorldSecrets.AccountPassword(world, email, s.OwnerPassword)), time.GetUtcNow(), null),
                cancellationToken);

        foreach (var declaredHome in world.HomesOf(email))
        {
            // Devices before their home: the home's record is what its gateway's uplink is admitted by, and the
            // hello it then sends names its devices, which must be known by then (else their state is dropped
            // and the assistant hears "not responding" from a lamp that is online).
            foreach (var declaredDevice in declaredHome.Devices)
            {
                var device = new Device(declaredDevice.Id, declaredHome.Id, account.AccountId, declaredDevice.Name,
                    Manufacturer, ModelOf(declaredDevice.Kind), $"SIM-{declaredDevice.Id}", "1.0.0", declaredDevice.Kind, declaredDevice.Room);
                if (await directory.GetDeviceAsync(declaredHome.Id, declaredDevice.Id, cancellationToken) != device)
                {
                    await directory.SaveDeviceAsync(device, cancellationToken);
                    // New or changed in the account: the assistant hears of it (where the account granted it reports).
                    await reporter.DeviceAddedAsync(device, cancellationToken);
                }
            }

            var gatewaySecretHash = SecretHasher.HashToken(WorldSecrets.GatewaySecret(world, declaredHome.Id, s.GatewaySecret));
            var home = await directory.GetHomeAsync(declaredHome.Id, cancellationToken);
            if (home is null || home.AccountId != account.AccountId || home.GatewaySecretHash != gatewaySecretHash)
            {
                await directory.SaveHomeAsync(new Home(declaredHome.Id, account.AccountId, gatewaySecretHash), cancellationToken);
            }
        }
    }

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Configuration '{key}' is required to seed the world.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "World seeded: {Accounts} accounts, {Homes} homes, {Devices} devices, OAuth client {ClientId}")]
    private static partial void LogSeeded(ILogger logger, int accounts, int homes, int devices, string clientId);
}
