using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SmartHome.VendorCloud.Security;

/// <summary>
/// Hashing for everything secret the vendor stores: passwords get a salted, slow PBKDF2 hash;
/// high-entropy values (tokens, codes, client and gateway secrets) a SHA-256 hash, which is enough
/// for random values and lets them be looked up by hash.
/// </summary>
internal static class SecretHasher
{
    private const string PasswordScheme = "pbkdf2-sha256";
    public const int DefaultPasswordIterations = 100_000;

    /// <summary>The least a simulation may ask for (<see cref="UsePasswordIterations"/>).</summary>
    public const int MinPasswordIterations = 1_000;
    private const int SaltBytes = 16;
    private const int PasswordHashBytes = 32;

    /// <summary>
    /// PBKDF2 iterations for new password hashes; a stored hash carries its own count, which is what checking it uses.
    /// Lowered only by a simulated world that asks (<c>Security:PasswordHashIterations</c>, the link-policy study, whose
    /// thousands of sign-ins would otherwise spend most of the run's CPU on hashing): the cost of a sign-in, never its answer.
    /// </summary>
    public static int PasswordIterations { get; private set; } = DefaultPasswordIterations;

    public static void UsePasswordIterations(int iterations) =>
        PasswordIterations = Math.Clamp(iterations, MinPasswordIterations, DefaultPasswordIterations);

    public static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, PasswordIterations, HashAlgorithmName.SHA256, PasswordHashBytes);
        return string.Join('$', PasswordScheme, PasswordIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// A hash of a random password, made like every stored one: checking a password against it costs the same
    /// work as against a real account's, so an unknown e-mail is not answered faster than a known one.
    /// </summary>
    private static readonly Lazy<string> DummyPasswordHash = new(() => HashPassword(NewToken()));

    /// <summary>
    /// Checks <paramref name="password"/> against <paramref name="storedHash"/>; with no hash (no such account)
    /// it does the same work against a dummy hash and answers false.
    /// </summary>
    public static bool VerifyPassword(string password, string? storedHash)
    {
        if (storedHash is null)
        {
            _ = VerifyPassword(password, DummyPasswordHash.Value);
            return false;
        }

        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != PasswordScheme
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of a high-entropy secret, lower-case hex: the form in which tokens are stored and looked up.</summary>
    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares a presented secret with a stored SHA-256 hash in constant time.</summary>
    public static bool VerifyToken(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashToken(presented)),
            Encoding.ASCII.GetBytes(storedHash));

    /// <summary>An opaque random token: 32 bytes, base64url without padding.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
