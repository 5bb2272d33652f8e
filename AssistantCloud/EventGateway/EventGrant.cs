namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The permission a person's link gives the skill to post events for them (one per user and skill). Every token
/// names the grant it was issued under: a newer link replaces the grant, and with it every older token.
/// <see cref="AccessTokensExpiredAt"/>: access tokens issued before it count as expired (the dashboard's
/// "expire" command). Never holds a token.
/// </summary>
public sealed record EventGrant(
    string GrantId,
    string User,
    string Skill,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Reason = null,
    DateTimeOffset? AccessTokensExpiredAt = null);

/// <summary>The states of an <see cref="EventGrant"/>.</summary>
public static class EventGrantStates
{
    /// <summary>A grant code was sent with AcceptGrant and not yet exchanged.</summary>
    public const string Issued = "issued";

    public const string Active = "active";

    /// <summary>Revoked (the dashboard's "revoke", or a newer link): tokens stop working, refresh gets invalid_grant.</summary>
    public const string Revoked = "revoked";

    /// <summary>The person disabled the skill: events get SKILL_DISABLED_EXCEPTION.</summary>
    public const string Disabled = "disabled";

    /// <summary>The skill did not accept the grant (AcceptGrant failed or was not answered).</summary>
    public const string Failed = "failed";
}

/// <summary>A grant code as stored under its hash: single use, for one user and skill, until <see cref="ExpiresAt"/>.</summary>
internal sealed record GrantCode(string GrantId, string User, string Skill, string ClientId, DateTimeOffset ExpiresAt);

/// <summary>An access or refresh token as stored under its hash; <see cref="ExpiresAt"/> null: never expires.</summary>
internal sealed record IssuedToken(string GrantId, string User, string Skill, string ClientId, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

/// <summary>The last event the skill posted for a person: <see cref="Status"/> accepted or refused, with the gateway's code.</summary>
public sealed record EventReport(DateTimeOffset At, string Name, string Status, string? Error)
{
    /// <summary>The name of an event refused before its body was read (e.g. its token was refused).</summary>
    public const string UnreadName = "(unread)";
}

/// <summary>The last time the token service refused the skill a token for a person (e.g. invalid_grant on refresh).</summary>
public sealed record TokenRefusal(DateTimeOffset At, string GrantType, string Error, string Description);

/// <summary>What the assistant knows of a person's return path: the grant, the last event, the last refusal at the token service.</summary>
public sealed record ReturnPathFacts(EventGrant? Grant, EventReport? LastEvent, TokenRefusal? LastRefusal);
