namespace SmartHome.VendorCloud.OAuth;

/// <summary>Why a grant ended: the <c>revokedReason</c> of the simulation's view, the metric tag and <c>smarthome.link.reason</c>.</summary>
internal static class RevocationReasons
{
    /// <summary>Link policy SignInAge: no interactive sign-in for the maximum age.</summary>
    public const string SignInAge = "sign_in_age";

    /// <summary>Link policy Sliding: not used for the maximum age.</summary>
    public const string Idle = "idle";

    /// <summary>Link policy AbsoluteLifetime: the refresh token reached its lifetime from the link.</summary>
    public const string AbsoluteLifetime = "absolute_lifetime";

    /// <summary>Link policies IdleTimeout and IdleTimeoutNoLeeway: the refresh token was not refreshed for the idle timeout.</summary>
    public const string RefreshTokenIdle = "refresh_token_idle";

    /// <summary>A rotated-out refresh token came back after the leeway (RFC 9700 4.14.2).</summary>
    public const string RefreshTokenReuse = "refresh_token_reuse";

    /// <summary>An authorization code was redeemed twice (RFC 6749 4.1.2).</summary>
    public const string CodeReuse = "code_reuse";

    /// <summary>The client revoked a token of the grant (RFC 7009), e.g. when the skill is disabled.</summary>
    public const string ClientRevoked = "client_revoked";

    public const string PasswordChanged = "password_changed";

    /// <summary>The simulation's "grant revoked" fault.</summary>
    public const string Simulated = "simulated";

    /// <summary>Expiry by the link policy (state "expired" rather than "revoked").</summary>
    public static bool IsExpiry(string? reason) => reason is SignInAge or Idle or AbsoluteLifetime or RefreshTokenIdle;

    /// <summary>The <c>error_description</c> of a refresh on a grant that ended for this reason.</summary>
    public static string Describe(string? reason, int maxAgeDays) => reason switch
    {
        SignInAge => $"The account link has expired: there was no sign-in to the vendor account for {maxAgeDays} days.",
        Idle => $"The account link has expired: it was not used for {maxAgeDays} days.",
        AbsoluteLifetime => $"The account link has expired: its refresh token reached its lifetime of {maxAgeDays} days.",
        RefreshTokenIdle => $"The account link has expired: its refresh token was not used for {maxAgeDays} days.",
        RefreshTokenReuse => "The account link was revoked: a refresh token that had already been used was presented again.",
        CodeReuse => "The account link was revoked: its authorization code was used twice.",
        ClientRevoked => "The account link was revoked by the client.",
        PasswordChanged => "The account link was revoked: the account's password was changed.",
        _ => "The account link was revoked.",
    };
}
