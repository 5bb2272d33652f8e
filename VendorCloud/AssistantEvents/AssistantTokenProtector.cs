using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Encrypts the event-gateway tokens for Redis with ASP.NET Core Data Protection. Its key ring is kept in Redis too
/// (<c>vendor:data-protection-keys</c>), so that every replica and restart reads what another wrote; the ring itself is
/// not encrypted here (Data Protection warns once per new key: no key encryptor is configured; a real deployment
/// protects it with a certificate or a key vault), so this keeps tokens out of a dump of the grant records, not out
/// of a dump of the whole Redis.
/// </summary>
internal sealed class AssistantTokenProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "SmartHome.VendorCloud.AssistantEvents.Tokens.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(AssistantTokens tokens) =>
        _protector.Protect(JsonSerializer.Serialize(new StoredTokens(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresAt)));

    /// <summary>The tokens, or null when the blob cannot be read (a lost key ring): the grant is then as good as gone.</summary>
    public AssistantTokens? Unprotect(string protectedTokens)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredTokens>(_protector.Unprotect(protectedTokens));
            return stored is null ? null : new AssistantTokens(stored.Access, stored.Refresh, stored.ExpiresAt);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    private sealed record StoredTokens(string Access, string Refresh, DateTimeOffset ExpiresAt);
}
