using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// Encrypts the event-gateway tokens for Redis with ASP.NET Core Data Protection (its key ring is kept in Redis too,
/// so that every replica and every restart can read what another wrote). Redis alone never holds a usable token.
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
