using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// Checks a person's app password. A person with a parameter of their own has it; any other is
/// HMAC-SHA256(key: <c>owner-app-password</c>, message: <c>app:&lt;person&gt;</c>) in lower-case hex, the world's
/// rule for derived secrets (<see cref="WorldSecrets.Derive"/>), so a fleet of a thousand needs one parameter.
/// </summary>
public sealed class PersonPasswords(IOptionsMonitor<PersonAppOptions> options)
{
    public const string DerivationPurpose = "app";

    public bool Check(string person, string password)
    {
        var expected = PasswordOf(person);
        if (expected is null || string.IsNullOrEmpty(password))
        {
            return false;
        }

        // Fixed-time over equal-length hashes: the comparison says nothing about how much of the password matched.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(password)));
    }

    private string? PasswordOf(string person)
    {
        var current = options.CurrentValue;
        if (current.Passwords.TryGetValue(person, out var own) && own.Length > 0)
        {
            return own;
        }

        return string.IsNullOrEmpty(current.PasswordSeed) ? null : WorldSecrets.Derive(current.PasswordSeed, DerivationPurpose, person);
    }
}
