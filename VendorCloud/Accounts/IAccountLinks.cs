namespace SmartHome.VendorCloud.Accounts;

/// <summary>
/// The links (OAuth grants) of an account, as the account side needs them: a password change ends every one.
/// Implemented by the authorization server's side, so that accounts do not depend on OAuth.
/// </summary>
internal interface IAccountLinks
{
    /// <summary>Ends every live link of the account because its password changed; returns how many were live.</summary>
    Task<int> EndAfterPasswordChangeAsync(string accountId, CancellationToken cancellationToken);
}
