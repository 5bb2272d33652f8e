using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>When an account link dies of age (configuration <c>OAuth:LinkPolicy</c>).</summary>
internal enum LinkPolicyKind
{
    /// <summary>The story: a link dies once the account's last interactive sign-in is older than the maximum age, however often it is used.</summary>
    SignInAge,

    /// <summary>The fix: every use renews the link; it dies after the maximum age without any use.</summary>
    Sliding,
}

/// <summary>Why a link is dead: a <see cref="RevocationReasons"/> value and a sentence for <c>error_description</c>.</summary>
internal sealed record LinkExpiry(string Reason, string Description);

/// <summary>
/// Decides whether a grant is still alive under the configured policy. The limit is inclusive: a grant
/// dies when its age reaches the maximum (age &gt;= <c>maxAgeDays</c> days), so with 365 days a link
/// signed in on 1 March is alive on the next 28 February (day 364) and dead from 1 March (day 365): one
/// "Advance clock 1 year" after the sign-in, the very next use finds it dead.
/// </summary>
internal static class LinkPolicy
{
    public static LinkExpiry? Evaluate(LinkPolicyKind policy, int maxAgeDays, Grant grant, Account? account, DateTimeOffset now)
    {
        if (policy == LinkPolicyKind.Sliding)
        {
            return HasReached(now - grant.LastUsedAt, maxAgeDays)
                ? new LinkExpiry(RevocationReasons.Idle, RevocationReasons.Describe(RevocationReasons.Idle, maxAgeDays))
                : null;
        }

        // The link itself starts with a sign-in (the authorization form), so a grant is never older than its sign-in.
        var signedInAt = account?.LastSignInAt is { } last && last > grant.CreatedAt ? last : grant.CreatedAt;
        return HasReached(now - signedInAt, maxAgeDays)
            ? new LinkExpiry(RevocationReasons.SignInAge, RevocationReasons.Describe(RevocationReasons.SignInAge, maxAgeDays))
            : null;
    }

    private static bool HasReached(TimeSpan age, int maxAgeDays) => age >= TimeSpan.FromDays(maxAgeDays);
}
