namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>Tokens the token service issued; <see cref="ToString"/> leaves them out.</summary>
public sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresInSeconds)
{
    public override string ToString() => $"IssuedTokens {{ ExpiresInSeconds = {ExpiresInSeconds} }}";
}

/// <summary>A grant's outcome at the token service: tokens, or an RFC 6749 error (for <see cref="User"/> when known).</summary>
public sealed record TokenOutcome(IssuedTokens? Tokens, string? Error, string? Description, string? User)
{
    public bool Succeeded => Tokens is not null;

    public static TokenOutcome Issued(IssuedTokens tokens, string user) => new(tokens, null, null, user);

    public static TokenOutcome InvalidGrant(string description, string? user = null) => new(null, "invalid_grant", description, user);
}

/// <summary>What a bearer token at the event gateway turned out to be.</summary>
public enum TokenVerdict
{
    Valid,
    Unknown,
    Expired,
    Revoked,
    SkillDisabled,
    WrongClient,
}

/// <summary>The verdict on an access token and, when it was issued here, for whom.</summary>
public sealed record TokenCheck(TokenVerdict Verdict, string? User, string? Skill, string? GrantId)
{
    public static readonly TokenCheck Unknown = new(TokenVerdict.Unknown, null, null, null);
}
