using System.Security.Cryptography;
using System.Text;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>Tokens and codes are kept only as their SHA-256: a copy of Redis gives no usable credential.</summary>
internal static class TokenHash
{
    public static string Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new opaque credential with LWA's prefix ("Atza|" access, "Atzr|" refresh).</summary>
    public static string NewToken(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(48));

    public static string NewCode() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
