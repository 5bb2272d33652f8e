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
/// Decides whether a grant is still alive under the configured policy. Ages count in whole days, as a
/// person would: "older than 365 days" is true from day 366 on, whatever the hour.
/// </summary>
internal static class LinkPolicy
{
    public static LinkExpiry? Evaluate(LinkPolicyKind policy, int maxAgeDays, Grant grant, Account? account, DateTimeOffset now)
    {
        if (policy == LinkPolicyKind.Sliding)
        {
            return WholeDays(now - grant.LastUsedAt) > maxAgeDays
                ? new LinkExpiry(RevocationReasons.Idle, RevocationReasons.Describe(RevocationReasons.Idle, maxAgeDays))
                : null;
        }

        // The link itself starts with a sign-in (the authorization form), so a grant is never older than its sign-in.
        var signedInAt = account?.LastSignInAt is { } last && last > grant.CreatedAt ? last : grant.CreatedAt;
        return WholeDays(now - signedInAt) > maxAgeDays
            ? new LinkExpiry(RevocationReasons.SignInAge, RevocationReasons.Describe(RevocationReasons.SignInAge, maxAgeDays))
            : null;
    }

    private static int WholeDays(TimeSpan age) => (int)Math.Floor(Math.Max(age.TotalDays, 0));
}
