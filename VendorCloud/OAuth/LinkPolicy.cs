using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>When an account link dies of age (configuration <c>OAuth:LinkPolicy</c>, AppHost parameter <c>link-policy</c>).</summary>
internal enum LinkPolicyKind
{
    /// <summary>The story: a link dies once the account's last interactive sign-in is older than the maximum age, however often it is used.</summary>
    SignInAge,

    /// <summary>The fix: every use renews the link; it dies after the maximum age without any use.</summary>
    Sliding,

    /// <summary>The refresh token (the grant) has an absolute lifetime from the link: it dies that many days after linking, used or not.</summary>
    AbsoluteLifetime,

    /// <summary>
    /// The refresh token dies when it has not been refreshed for the idle timeout; every refresh rotates it and
    /// starts the timeout again. Reuse detection keeps the reuse leeway (a retried lost answer is forgiven).
    /// </summary>
    IdleTimeout,

    /// <summary>
    /// <see cref="IdleTimeout"/> with reuse detection and no leeway: a refresh token presented a second time, even
    /// the retry of an answer lost on the way, revokes the grant.
    /// </summary>
    IdleTimeoutNoLeeway,
}

/// <summary>Why a link is dead: a <see cref="RevocationReasons"/> value and a sentence for <c>error_description</c>.</summary>
internal sealed record LinkExpiry(string Reason, string Description);

/// <summary>
/// Decides whether a grant is still alive under the configured policy. Every limit is inclusive: a grant
/// dies when its age reaches the limit (age &gt;= the limit's days), so with 365 days a link signed in on
/// 1 March is alive on the next 28 February (day 364) and dead from 1 March (day 365): one "Advance clock
/// 1 year" after the sign-in, the very next use finds it dead.
/// </summary>
internal static class LinkPolicy
{
    public static LinkExpiry? Evaluate(OAuthOptions options, Grant grant, Account? account, DateTimeOffset now)
    {
        var policy = options.Policy;
        var days = options.PolicyDays;
        var (since, reason) = policy switch
        {
            LinkPolicyKind.Sliding => (grant.LastUsedAt, RevocationReasons.Idle),
            LinkPolicyKind.AbsoluteLifetime => (grant.CreatedAt, RevocationReasons.AbsoluteLifetime),
            LinkPolicyKind.IdleTimeout or LinkPolicyKind.IdleTimeoutNoLeeway =>
                (grant.LastRefreshedAt ?? grant.CreatedAt, RevocationReasons.RefreshTokenIdle),
            // The link itself starts with a sign-in (the authorization form), so a grant is never older than its sign-in.
            _ => (account?.LastSignInAt is { } last && last > grant.CreatedAt ? last : grant.CreatedAt, RevocationReasons.SignInAge),
        };
        return now - since >= TimeSpan.FromDays(days) ? new LinkExpiry(reason, RevocationReasons.Describe(reason, days)) : null;
    }
}
