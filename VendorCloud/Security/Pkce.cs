using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SmartHome.VendorCloud.Security;

/// <summary>PKCE (RFC 7636) with the S256 method, the only one this server accepts.</summary>
internal static class Pkce
{
    public const string S256 = "S256";

    /// <summary>RFC 7636 4.1: 43..128 characters of [A-Z a-z 0-9 - . _ ~].</summary>
    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(IsUnreserved);

    /// <summary>An S256 challenge is the base64url of a SHA-256: exactly 43 characters.</summary>
    public static bool IsValidS256Challenge(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string ComputeS256Challenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool VerifyS256(string verifier, string challenge) =>
        IsValidVerifier(verifier)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(ComputeS256Challenge(verifier)),
            Encoding.ASCII.GetBytes(challenge));

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
