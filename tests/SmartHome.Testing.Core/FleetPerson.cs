using System.Security.Cryptography;
using System.Text;

namespace SmartHome.Testing;

/// <summary>
/// One person of a generated fleet (<see cref="SmartHomeWorldOptions.FleetHomes"/>, docs/worlds.md): home 1 is the story's
/// (person <c>owner</c>, account <c>owner@example.com</c>), home n &gt;= 2 belongs to <c>user-n</c> with account
/// <c>user-n@example.com</c>. The account's password is derived from the world's <c>owner-password</c> as the services derive
/// it (ServiceDefaults/Worlds/WorldSecrets.AccountPassword), so a kit user can sign in as anyone of the fleet.
/// </summary>
public sealed record FleetPerson(int Number, string User, string Email, string Home, string Password)
{
    public static FleetPerson Of(SmartHomeWorld world, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (number == 1)
        {
            return new FleetPerson(1, "owner", world.Options.OwnerEmail, "home-1", world.Options.OwnerPassword);
        }

        var email = $"user-{number}@example.com";
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(world.Options.OwnerPassword), Encoding.UTF8.GetBytes($"account:{email}"));
        return new FleetPerson(number, $"user-{number}", email, $"home-{number}", Convert.ToHexStringLower(mac));
    }
}
