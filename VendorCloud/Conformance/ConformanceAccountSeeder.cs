using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Conformance;

/// <summary>
/// Seeds the conformance test account (when configured): its password, and a home of virtual devices, a dimmable
/// lamp and an on/off plug, that <see cref="VirtualHomeUplinks"/> answers inside the vendor. Nobody else's home or
/// device is touched by a conformance check, and no simulated gateway or plug is needed for it.
/// </summary>
internal sealed partial class ConformanceAccountSeeder(
    IVendorDirectory directory,
    IOptions<ConformanceOptions> options,
    TimeProvider time,
    ILogger<ConformanceAccountSeeder> logger)
{
    public static readonly IReadOnlyList<(string Id, string Name, DeviceKind Kind)> VirtualDevices =
    [
        ("test-lamp", "test lamp", DeviceKind.DimmableLamp),
        ("test-plug", "test plug", DeviceKind.OnOffPlug),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var (email, password) = (options.Value.Email.Trim(), options.Value.Password);
        if (email.Length == 0 || password.Length == 0)
        {
            return;
        }

        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            account = await directory.CreateAccountIfAbsentAsync(
                new Account($"acct-{Guid.NewGuid():N}", email, SecretHasher.HashPassword(password), time.GetUtcNow(), null), cancellationToken);
        }
        else if (!SecretHasher.VerifyPassword(password, account.PasswordHash))
        {
            // The parameter owns the test account's password (it is not a person's to change).
            await directory.ChangePasswordAsync(account.AccountId, SecretHasher.HashPassword(password), time.GetUtcNow(), cancellationToken);
        }

        foreach (var (id, name, kind) in VirtualDevices)
        {
            var device = new Device(id, ConformanceOptions.HomeId, account.AccountId, name, Seeding.VendorWorldSeeder.Manufacturer,
                Seeding.VendorWorldSeeder.ModelOf(kind), $"SIM-{id}", "1.0.0", kind, "test room");
            if (await directory.GetDeviceAsync(ConformanceOptions.HomeId, id, cancellationToken) != device)
            {
                await directory.SaveDeviceAsync(device, cancellationToken);
            }
        }

        if (await directory.GetHomeAsync(ConformanceOptions.HomeId, cancellationToken) is not { } home || home.AccountId != account.AccountId)
        {
            // A secret nobody knows: no gateway's uplink is ever admitted for this home.
            var unknowable = SecretHasher.HashToken(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            await directory.SaveHomeAsync(new Home(ConformanceOptions.HomeId, account.AccountId, unknowable), cancellationToken);
        }

        LogSeeded(logger, VirtualDevices.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conformance test account seeded with {Devices} virtual devices")]
    private static partial void LogSeeded(ILogger logger, int devices);
}
