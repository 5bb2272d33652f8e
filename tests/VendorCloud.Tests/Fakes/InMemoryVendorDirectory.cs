using System.Collections.Concurrent;
using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.Tests.Fakes;

internal sealed class InMemoryVendorDirectory : IVendorDirectory
{
    public ConcurrentDictionary<string, Account> Accounts { get; } = new();
    public ConcurrentDictionary<string, Home> Homes { get; } = new();
    /// <summary>Keyed <c>{homeId}/{deviceId}</c>: a device id is unique in its home and account only.</summary>
    public ConcurrentDictionary<string, Device> Devices { get; } = new();

    public static string Key(string homeId, string deviceId) => $"{homeId}/{deviceId}";
    public ConcurrentDictionary<string, OAuthClient> Clients { get; } = new();

    public Task<Account?> FindAccountByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(Accounts.Values.FirstOrDefault(a => string.Equals(a.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)));

    public Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Accounts.GetValueOrDefault(accountId));

    public async Task<Account> CreateAccountIfAbsentAsync(Account account, CancellationToken cancellationToken)
    {
        var existing = await FindAccountByEmailAsync(account.Email, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        Accounts[account.AccountId] = account;
        return account;
    }

    public Task RecordSignInAsync(string accountId, DateTimeOffset signedInAt, CancellationToken cancellationToken)
    {
        if (Accounts.TryGetValue(accountId, out var account))
        {
            Accounts[accountId] = account with { LastSignInAt = signedInAt };
        }

        return Task.CompletedTask;
    }

    public Task ChangePasswordAsync(string accountId, string passwordHash, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        if (Accounts.TryGetValue(accountId, out var account))
        {
            Accounts[accountId] = account with { PasswordHash = passwordHash, LastSignInAt = changedAt };
        }

        return Task.CompletedTask;
    }

    public Task<Home?> GetHomeAsync(string homeId, CancellationToken cancellationToken) => Task.FromResult(Homes.GetValueOrDefault(homeId));

    /// <summary>Called as a home is saved, before it is: a test looks at what is already there.</summary>
    public Action<Home>? SavingHome { get; set; }

    public Task SaveHomeAsync(Home home, CancellationToken cancellationToken)
    {
        SavingHome?.Invoke(home);
        Homes[home.HomeId] = home;
        return Task.CompletedTask;
    }

    public Task<Device?> GetDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Devices.GetValueOrDefault(Key(homeId, deviceId)));

    public Task<Device?> FindAccountDeviceAsync(string accountId, string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Devices.Values.FirstOrDefault(d => d.AccountId == accountId && d.DeviceId == deviceId));

    public Task<IReadOnlyList<Device>> FindDevicesByIdAsync(string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Device>>(Devices.Values.Where(d => d.DeviceId == deviceId).OrderBy(d => d.HomeId).ToList());

    public Task SaveDeviceAsync(Device device, CancellationToken cancellationToken)
    {
        Devices[Key(device.HomeId, device.DeviceId)] = device;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Devices.TryRemove(Key(homeId, deviceId), out _));

    public Task<IReadOnlyList<Device>> ListAccountDevicesAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Device>>(Devices.Values.Where(d => d.AccountId == accountId).OrderBy(d => d.DeviceId).ToList());

    public Task<IReadOnlyList<Device>> ListHomeDevicesAsync(string homeId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Device>>(Devices.Values.Where(d => d.HomeId == homeId).OrderBy(d => d.DeviceId).ToList());

    public Task<OAuthClient?> GetClientAsync(string clientId, CancellationToken cancellationToken) => Task.FromResult(Clients.GetValueOrDefault(clientId));

    public Task SaveClientAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        Clients[client.ClientId] = client;
        return Task.CompletedTask;
    }
}
