using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>A grant as <c>GET /sim/oauth/grants</c> shows it: state and history, never a token or its hash.</summary>
internal sealed record GrantView(
    string GrantId,
    string ClientId,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset? LastSignInAt,
    int RefreshCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevokedReason)
{
    public const string Active = "active";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
}
