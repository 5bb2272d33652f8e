using SmartHome.VendorCloud.Accounts;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>A directory behind a Redis that does not answer the first <see cref="Outages"/> calls that create an account.</summary>
internal sealed class AwayVendorDirectory(IVendorDirectory inner) : IVendorDirectory
{
    private int _outages;
    private int _attempts;

    public int Outages { get => _outages; set => _outages = value; }

    public int Attempts => _attempts;

    public Task<Account> CreateAccountIfAbsentAsync(Account account, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        return Interlocked.Decrement(ref _outages) >= 0
            ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available", null, CommandStatus.WaitingToBeSent)
            : inner.CreateAccountIfAbsentAsync(account, cancellationToken);
    }

    public Task<Account?> FindAccountByEmailAsync(string email, CancellationToken cancellationToken) => inner.FindAccountByEmailAsync(email, cancellationToken);

    public Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken) => inner.GetAccountAsync(accountId, cancellationToken);

    public Task RecordSignInAsync(string accountId, DateTimeOffset signedInAt, CancellationToken cancellationToken) =>
        inner.RecordSignInAsync(accountId, signedInAt, cancellationToken);

    public Task ChangePasswordAsync(string accountId, string passwordHash, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        inner.ChangePasswordAsync(accountId, passwordHash, changedAt, cancellationToken);

    public Task<Home?> GetHomeAsync(string homeId, CancellationToken cancellationToken) => inner.GetHomeAsync(homeId, cancellationToken);

    public Task SaveHomeAsync(Home home, CancellationToken cancellationToken) => inner.SaveHomeAsync(home, cancellationToken);

    public Task<Device?> GetDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken) => inner.GetDeviceAsync(homeId, deviceId, cancellationToken);

    public Task<Device?> FindAccountDeviceAsync(string accountId, string deviceId, CancellationToken cancellationToken) =>
        inner.FindAccountDeviceAsync(accountId, deviceId, cancellationToken);

    public Task<IReadOnlyList<Device>> FindDevicesByIdAsync(string deviceId, CancellationToken cancellationToken) =>
        inner.FindDevicesByIdAsync(deviceId, cancellationToken);

    public Task SaveDeviceAsync(Device device, CancellationToken cancellationToken) => inner.SaveDeviceAsync(device, cancellationToken);

    public Task<bool> RemoveDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken) =>
        inner.RemoveDeviceAsync(homeId, deviceId, cancellationToken);

    public Task<IReadOnlyList<Device>> ListAccountDevicesAsync(string accountId, CancellationToken cancellationToken) =>
        inner.ListAccountDevicesAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<Device>> ListHomeDevicesAsync(string homeId, CancellationToken cancellationToken) =>
        inner.ListHomeDevicesAsync(homeId, cancellationToken);

    public Task<OAuthClient?> GetClientAsync(string clientId, CancellationToken cancellationToken) => inner.GetClientAsync(clientId, cancellationToken);

    public Task SaveClientAsync(OAuthClient client, CancellationToken cancellationToken) => inner.SaveClientAsync(client, cancellationToken);
}
