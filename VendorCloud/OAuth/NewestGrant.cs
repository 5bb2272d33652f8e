namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// One account's newest grant (to any client), as <c>POST /sim/oauth/newest-grants</c> answers it: <see cref="Known"/>
/// false for an e-mail address no account has, <see cref="Grant"/> null for an account that never granted anything.
/// </summary>
internal sealed record NewestGrant(string Email, bool Known, GrantView? Grant);
