using Microsoft.AspNetCore.DataProtection;
using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The event-gateway tokens are stored encrypted: the stored text holds neither token, and reads back whole.</summary>
public sealed class AssistantTokenProtectorTests
{
    private readonly AssistantTokenProtector _protector = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void Protected_tokens_hide_both_tokens_and_read_back()
    {
        var tokens = new AssistantTokens("Atza|access-secret", "Atzr|refresh-secret", new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));

        var stored = _protector.Protect(tokens);

        Assert.DoesNotContain("access-secret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret", stored, StringComparison.Ordinal);
        Assert.Equal(tokens, _protector.Unprotect(stored));
    }

    [Fact]
    public void Text_another_key_ring_wrote_reads_as_no_tokens()
    {
        var stored = new AssistantTokenProtector(new EphemeralDataProtectionProvider()).Protect(new AssistantTokens("a", "r", DateTimeOffset.UnixEpoch));

        Assert.Null(_protector.Unprotect(stored));
        Assert.Null(_protector.Unprotect("not protected at all"));
    }

    [Fact]
    public void Tokens_never_print_themselves()
    {
        var text = new AssistantTokens("Atza|access-secret", "Atzr|refresh-secret", DateTimeOffset.UnixEpoch).ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }
}
