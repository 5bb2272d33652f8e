namespace SmartHome.VendorCloud.Accounts;

/// <summary>Accounts, homes, devices and OAuth clients.</summary>
internal interface IVendorDirectory
{
    Task<Account?> FindAccountByEmailAsync(string email, CancellationToken cancellationToken);

    Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Creates the account unless one with that e-mail exists; returns the stored account either way.</summary>
    Task<Account> CreateAccountIfAbsentAsync(Account account, CancellationToken cancellationToken);

    Task RecordSignInAsync(string accountId, DateTimeOffset signedInAt, CancellationToken cancellationToken);

    /// <summary>Sets a new password hash; the change is also an interactive sign-in at <paramref name="changedAt"/>.</summary>
    Task ChangePasswordAsync(string accountId, string passwordHash, DateTimeOffset changedAt, CancellationToken cancellationToken);

    Task<Home?> GetHomeAsync(string homeId, CancellationToken cancellationToken);

    Task SaveHomeAsync(Home home, CancellationToken cancellationToken);

    Task<Device?> GetDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken);

    /// <summary>The account's device with this endpoint id, or null (also when it is another account's).</summary>
    Task<Device?> FindAccountDeviceAsync(string accountId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Every device with this id, in whatever home (for the support API, which then checks grants).</summary>
    Task<IReadOnlyList<Device>> FindDevicesByIdAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Saves the device and indexes it under its account and home.</summary>
    Task SaveDeviceAsync(Device device, CancellationToken cancellationToken);

    /// <summary>Removes the device from its account and home (the owner removed it in the maker's app); false when it was not there.</summary>
    Task<bool> RemoveDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListAccountDevicesAsync(string accountId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListHomeDevicesAsync(string homeId, CancellationToken cancellationToken);

    Task<OAuthClient?> GetClientAsync(string clientId, CancellationToken cancellationToken);

    Task SaveClientAsync(OAuthClient client, CancellationToken cancellationToken);
}
