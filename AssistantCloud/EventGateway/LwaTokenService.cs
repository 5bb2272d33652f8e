using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// Login with Amazon's part: grant codes for AcceptGrant, the authorization_code and refresh_token grants
/// (short access tokens, rotating refresh tokens), and the verdict on an access token at the event gateway.
/// Expiry follows the world's clock (<see cref="TimeProvider"/>), so the clock commands rot these tokens too.
/// </summary>
internal sealed partial class LwaTokenService(
    EventGrantStore store,
    TimeProvider time,
    IOptions<EventGatewayOptions> options,
    ILogger<LwaTokenService> logger)
{
    public const string AccessPrefix = "Atza|";
    public const string RefreshPrefix = "Atzr|";

    /// <summary>
    /// A new grant for the person's link (replacing any older one: its tokens stop working) and its code, which
    /// AcceptGrant carries to the skill.
    /// </summary>
    public async Task<string> IssueGrantCodeAsync(string user, string skill)
    {
        var now = time.GetUtcNow();
        var grantId = Guid.NewGuid().ToString("N");
        var code = TokenHash.NewCode();
        await store.SaveGrantAsync(new EventGrant(grantId, user, skill, EventGrantStates.Issued, now, now));
        await store.SaveCodeAsync(code, new GrantCode(grantId, user, skill, options.Value.SkillClientId, now + EventGatewayOptions.GrantCodeLifetime));
        LogCodeIssued(user, skill);
        return code;
    }

    /// <summary>Sets the grant's state (failed, revoked, disabled) with the reason; false when there is no grant.</summary>
    public async Task<bool> EndGrantAsync(string user, string skill, string state, string reason)
    {
        if (await store.GetGrantAsync(user, skill) is not { } grant)
        {
            return false;
        }

        await store.SaveGrantAsync(grant with { State = state, Reason = reason, UpdatedAt = time.GetUtcNow() });
        LogGrantEnded(user, skill, state, reason);
        return true;
    }

    /// <summary>Every access token of the grant issued until now counts as expired; refreshing still works.</summary>
    public async Task<bool> ExpireAccessTokensAsync(string user, string skill)
    {
        if (await store.GetGrantAsync(user, skill) is not { } grant)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await store.SaveGrantAsync(grant with { AccessTokensExpiredAt = now, UpdatedAt = now });
        return true;
    }

    public async Task<TokenOutcome> ExchangeCodeAsync(string clientId, string code)
    {
        var grantCode = await store.TakeCodeAsync(code);
        if (grantCode is null)
        {
            return TokenOutcome.InvalidGrant("The authorization code is unknown or was already used.");
        }

        if (grantCode.ClientId != clientId)
        {
            return await RefusedAsync(grantCode.User, grantCode.Skill, "authorization_code", "The authorization code was issued to another client.");
        }

        if (grantCode.ExpiresAt <= time.GetUtcNow())
        {
            return await RefusedAsync(grantCode.User, grantCode.Skill, "authorization_code", "The authorization code has expired.");
        }

        var grant = await store.GetGrantAsync(grantCode.User, grantCode.Skill);
        if (grant is null || grant.GrantId != grantCode.GrantId || grant.State is not (EventGrantStates.Issued or EventGrantStates.Active))
        {
            return await RefusedAsync(grantCode.User, grantCode.Skill, "authorization_code", "The grant of this code has ended.");
        }

        await store.SaveGrantAsync(grant with { State = EventGrantStates.Active, UpdatedAt = time.GetUtcNow() });
        return TokenOutcome.Issued(await IssueAsync(grant, clientId), grant.User);
    }

    public async Task<TokenOutcome> RefreshAsync(string clientId, string refreshToken)
    {
        var issued = await store.TakeRefreshTokenAsync(refreshToken);
        if (issued is null)
        {
            return TokenOutcome.InvalidGrant(await store.WasRotatedAsync(refreshToken)
                ? "The refresh token was already used: each refresh returns a new one."
                : "The refresh token is unknown.");
        }

        if (issued.ClientId != clientId)
        {
            return await RefusedAsync(issued.User, issued.Skill, "refresh_token", "The refresh token was issued to another client.");
        }

        if (issued.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
        {
            return await RefusedAsync(issued.User, issued.Skill, "refresh_token", "The refresh token has expired.");
        }

        var grant = await store.GetGrantAsync(issued.User, issued.Skill);
        if (grant is null || grant.GrantId != issued.GrantId)
        {
            return await RefusedAsync(issued.User, issued.Skill, "refresh_token", "The grant was replaced by a newer link.");
        }

        if (grant.State != EventGrantStates.Active)
        {
            return await RefusedAsync(issued.User, issued.Skill, "refresh_token", grant.State == EventGrantStates.Disabled
                ? "The person disabled the skill."
                : $"The grant was {grant.State}.");
        }

        return TokenOutcome.Issued(await IssueAsync(grant, clientId), grant.User);
    }

    /// <summary>The verdict on a bearer token at the event gateway.</summary>
    public async Task<TokenCheck> CheckAccessTokenAsync(string token)
    {
        if (!token.StartsWith(AccessPrefix, StringComparison.Ordinal) || await store.GetAccessTokenAsync(token) is not { } issued)
        {
            return TokenCheck.Unknown;
        }

        var grant = await store.GetGrantAsync(issued.User, issued.Skill);
        var verdict = grant switch
        {
            null => TokenVerdict.Revoked,
            _ when grant.GrantId != issued.GrantId => TokenVerdict.Revoked,
            { State: EventGrantStates.Disabled } => TokenVerdict.SkillDisabled,
            { State: not EventGrantStates.Active } => TokenVerdict.Revoked,
            _ when issued.ClientId != options.Value.SkillClientId => TokenVerdict.WrongClient,
            _ when issued.ExpiresAt <= time.GetUtcNow() || grant.AccessTokensExpiredAt >= issued.IssuedAt => TokenVerdict.Expired,
            _ => TokenVerdict.Valid,
        };
        return new TokenCheck(verdict, issued.User, issued.Skill, issued.GrantId);
    }

    private async Task<IssuedTokens> IssueAsync(EventGrant grant, string clientId)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var accessLifetime = TimeSpan.FromSeconds(settings.AccessTokenLifetimeSeconds);
        TimeSpan? refreshLifetime = settings.RefreshTokenLifetimeDays > 0 ? TimeSpan.FromDays(settings.RefreshTokenLifetimeDays) : null;
        var access = TokenHash.NewToken(AccessPrefix);
        var refresh = TokenHash.NewToken(RefreshPrefix);
        await store.SaveAccessTokenAsync(access, new IssuedToken(grant.GrantId, grant.User, grant.Skill, clientId, now, now + accessLifetime), accessLifetime);
        await store.SaveRefreshTokenAsync(refresh, new IssuedToken(grant.GrantId, grant.User, grant.Skill, clientId, now, now + refreshLifetime), refreshLifetime);
        LogIssued(grant.User, grant.Skill, settings.AccessTokenLifetimeSeconds);
        return new IssuedTokens(access, refresh, settings.AccessTokenLifetimeSeconds);
    }

    /// <summary>invalid_grant for a known person: kept for the diagnosis ("the maker's permission to report has expired").</summary>
    private async Task<TokenOutcome> RefusedAsync(string user, string skill, string grantType, string description)
    {
        await store.RecordRefusalAsync(user, skill, new TokenRefusal(time.GetUtcNow(), grantType, "invalid_grant", description));
        LogRefused(user, skill, grantType, description);
        return TokenOutcome.InvalidGrant(description, user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event grant code issued for {User} on {Skill}")]
    private partial void LogCodeIssued(string user, string skill);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event gateway tokens issued for {User} on {Skill}, access token for {LifetimeSeconds} s")]
    private partial void LogIssued(string user, string skill, int lifetimeSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event grant of {User} on {Skill} is now {State}: {Reason}")]
    private partial void LogGrantEnded(string user, string skill, string state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token service refused {GrantType} for {User} on {Skill}: invalid_grant, {Description}")]
    private partial void LogRefused(string user, string skill, string grantType, string description);
}
