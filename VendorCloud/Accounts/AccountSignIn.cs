using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>
/// Interactive sign-in and the password change of the maker's app. Passwords are checked against their hash
/// and never leave here.
/// </summary>
internal sealed partial class AccountSignIn(
    IVendorDirectory directory,
    IAccountLinks links,
    TimeProvider time,
    ILogger<AccountSignIn> logger)
{
    /// <summary>An interactive sign-in: checks the password and records the time on the account.</summary>
    public async Task<Account?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        // An unknown e-mail is hashed against a dummy: both answers take the same work (no account enumeration).
        if (!SecretHasher.VerifyPassword(password, account?.PasswordHash) || account is null)
        {
            LogSignInFailed(logger);
            return null;
        }

        var now = time.GetUtcNow();
        await directory.RecordSignInAsync(account.AccountId, now, cancellationToken);
        LogSignedIn(logger, account.AccountId);
        return account with { LastSignInAt = now };
    }

    /// <summary>
    /// The person changes the password in the maker's app: a sign-in with the current password, then every
    /// grant of the account is revoked. Returns how many grants were live, or null for wrong credentials.
    /// </summary>
    public async Task<int?> ChangePasswordAsync(string email, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (!SecretHasher.VerifyPassword(currentPassword, account?.PasswordHash) || account is null)
        {
            LogPasswordChangeFailed(logger);
            return null;
        }

        await directory.ChangePasswordAsync(account.AccountId, SecretHasher.HashPassword(newPassword), time.GetUtcNow(), cancellationToken);
        var revoked = await links.EndAfterPasswordChangeAsync(account.AccountId, cancellationToken);
        LogPasswordChanged(logger, account.AccountId, revoked);
        return revoked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interactive sign-in failed: unknown e-mail or wrong password")]
    private static partial void LogSignInFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} signed in interactively")]
    private static partial void LogSignedIn(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Password change refused: unknown e-mail or wrong current password")]
    private static partial void LogPasswordChangeFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} changed its password; {RevokedGrants} grants revoked")]
    private static partial void LogPasswordChanged(ILogger logger, string accountId, int revokedGrants);
}
