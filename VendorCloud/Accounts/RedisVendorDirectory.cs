using System.Text.Json;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>
/// The directory in Redis. Keys: <c>vendor:account:{id}</c>, <c>vendor:account-email:{email}</c> (id),
/// <c>vendor:account:{id}:devices</c> (set), <c>vendor:home:{id}</c>, <c>vendor:home:{id}:devices</c> (set),
/// <c>vendor:device:{homeId}/{deviceId}</c>, <c>vendor:device-homes:{deviceId}</c> (set of homes),
/// <c>vendor:client:{id}</c>, where the braces are literal: Redis Cluster's hash tags. A device's record shares its home's
/// tag, so that the record and the home's set change in one MULTI/EXEC; the account's set and the device id's set
/// are other slots, kept as indexes that readers check against the records. Records are stored as JSON strings; the
/// device sets hold <c>homeId/deviceId</c> (a device id is unique in its home and account, not across homes). OAuth clients
/// read are kept a few seconds (<see cref="RecentClients"/>).
/// </summary>
internal sealed class RedisVendorDirectory(IConnectionMultiplexer redis, RecentClients? recentClients = null) : IVendorDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RecentClients _recentClients = recentClients ?? new(TimeProvider.System);

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey AccountKey(string accountId) => $"vendor:account:{{{accountId}}}";
    private static RedisKey AccountEmailKey(string email) => $"vendor:account-email:{{{email.Trim().ToLowerInvariant()}}}";
    private static RedisKey AccountDevicesKey(string accountId) => $"vendor:account:{{{accountId}}}:devices";
    private static RedisKey HomeKey(string homeId) => $"vendor:home:{{{homeId}}}";
    private static RedisKey HomeDevicesKey(string homeId) => $"vendor:home:{{{homeId}}}:devices";
    private static RedisKey DeviceKey(string homeDevice) => $"vendor:device:{{{homeDevice.Split('/', 2)[0]}}}/{homeDevice.Split('/', 2)[^1]}";
    private static RedisKey DeviceHomesKey(string deviceId) => $"vendor:device-homes:{{{deviceId}}}";
    private static string HomeDevice(string homeId, string deviceId) => $"{homeId}/{deviceId}";
    private static RedisKey ClientKey(string clientId) => $"vendor:client:{{{clientId}}}";

    public async Task<Account?> FindAccountByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var accountId = await Db.StringGetAsync(AccountEmailKey(email)).WaitAsync(cancellationToken);
        return accountId.IsNull ? null : await GetAccountAsync(accountId.ToString(), cancellationToken);
    }

    public Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        GetAsync<Account>(AccountKey(accountId), cancellationToken);

    public async Task<Account> CreateAccountIfAbsentAsync(Account account, CancellationToken cancellationToken)
    {
        // The e-mail index is claimed first and atomically, so concurrent seeders create one account.
        var claimed = await Db.StringSetAsync(AccountEmailKey(account.Email), account.AccountId, when: When.NotExists)
            .WaitAsync(cancellationToken);
        if (claimed)
        {
            await SetAsync(AccountKey(account.AccountId), account, cancellationToken);
            return account;
        }

        var existing = await FindAccountByEmailAsync(account.Email, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        // The index exists without its record (a crash between the two writes): complete it.
        var accountId = (await Db.StringGetAsync(AccountEmailKey(account.Email)).WaitAsync(cancellationToken)).ToString();
        var repaired = account with { AccountId = accountId };
        await SetAsync(AccountKey(accountId), repaired, cancellationToken);
        return repaired;
    }

    public async Task RecordSignInAsync(string accountId, DateTimeOffset signedInAt, CancellationToken cancellationToken)
    {
        var account = await GetAccountAsync(accountId, cancellationToken);
        if (account is not null)
        {
            await SetAsync(AccountKey(accountId), account with { LastSignInAt = signedInAt }, cancellationToken);
        }
    }

    public async Task ChangePasswordAsync(string accountId, string passwordHash, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var account = await GetAccountAsync(accountId, cancellationToken);
        if (account is not null)
        {
            await SetAsync(AccountKey(accountId), account with { PasswordHash = passwordHash, LastSignInAt = changedAt }, cancellationToken);
        }
    }

    public Task<Home?> GetHomeAsync(string homeId, CancellationToken cancellationToken) =>
        GetAsync<Home>(HomeKey(homeId), cancellationToken);

    public Task SaveHomeAsync(Home home, CancellationToken cancellationToken) =>
        SetAsync(HomeKey(home.HomeId), home, cancellationToken);

    public Task<Device?> GetDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken) =>
        GetAsync<Device>(DeviceKey(HomeDevice(homeId, deviceId)), cancellationToken);

    public async Task<Device?> FindAccountDeviceAsync(string accountId, string deviceId, CancellationToken cancellationToken)
    {
        // The set's members name home and device: only the devices with this id are read, not every device of the account.
        var members = await Db.SetMembersAsync(AccountDevicesKey(accountId)).WaitAsync(cancellationToken);
        var suffix = $"/{deviceId}";
        var devices = await ReadDevicesAsync(
            members.Select(member => member.ToString()).Where(member => member.EndsWith(suffix, StringComparison.Ordinal)), cancellationToken);
        return devices.FirstOrDefault(d => d.DeviceId == deviceId && d.AccountId == accountId);
    }

    public async Task<IReadOnlyList<Device>> FindDevicesByIdAsync(string deviceId, CancellationToken cancellationToken)
    {
        var homes = await Db.SetMembersAsync(DeviceHomesKey(deviceId)).WaitAsync(cancellationToken);
        return await ReadDevicesAsync(homes.Select(home => HomeDevice(home.ToString(), deviceId)), cancellationToken);
    }

    public async Task SaveDeviceAsync(Device device, CancellationToken cancellationToken)
    {
        var member = HomeDevice(device.HomeId, device.DeviceId);
        var previous = await GetDeviceAsync(device.HomeId, device.DeviceId, cancellationToken);
        // The record and its home's set share the home's slot: one MULTI/EXEC. The account's and the device id's sets
        // are other slots (a cluster refuses them in it): added after the record, and a previous account's entry
        // removed last, so a reader, who checks each member against its record, never misses the device.
        var transaction = Db.CreateTransaction();
        _ = transaction.StringSetAsync(DeviceKey(member), JsonSerializer.Serialize(device, Json));
        _ = transaction.SetAddAsync(HomeDevicesKey(device.HomeId), member);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await Db.SetAddAsync(AccountDevicesKey(device.AccountId), member).WaitAsync(cancellationToken);
        await Db.SetAddAsync(DeviceHomesKey(device.DeviceId), device.HomeId).WaitAsync(cancellationToken);
        if (previous is not null && previous.AccountId != device.AccountId)
        {
            await Db.SetRemoveAsync(AccountDevicesKey(previous.AccountId), member).WaitAsync(cancellationToken);
        }
    }

    public async Task<bool> RemoveDeviceAsync(string homeId, string deviceId, CancellationToken cancellationToken)
    {
        var member = HomeDevice(homeId, deviceId);
        if (await GetDeviceAsync(homeId, deviceId, cancellationToken) is not { } device)
        {
            return false;
        }

        // The record and the home's entry go together; the other slots' entries after (a reader skips a member without a record).
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync(DeviceKey(member));
        _ = transaction.SetRemoveAsync(HomeDevicesKey(homeId), member);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await Db.SetRemoveAsync(AccountDevicesKey(device.AccountId), member).WaitAsync(cancellationToken);
        await Db.SetRemoveAsync(DeviceHomesKey(deviceId), homeId).WaitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<Device>> ListAccountDevicesAsync(string accountId, CancellationToken cancellationToken) =>
        // The account's set is an index in another slot than the records: a device that moved account meanwhile is not this account's.
        [.. (await ListDevicesAsync(AccountDevicesKey(accountId), cancellationToken)).Where(d => d.AccountId == accountId)];

    public Task<IReadOnlyList<Device>> ListHomeDevicesAsync(string homeId, CancellationToken cancellationToken) =>
        ListDevicesAsync(HomeDevicesKey(homeId), cancellationToken);

    public async Task<OAuthClient?> GetClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (_recentClients.Find(clientId) is { } recent)
        {
            return recent;
        }

        var client = await GetAsync<OAuthClient>(ClientKey(clientId), cancellationToken);
        if (client is null)
        {
            _recentClients.Forget(clientId);
        }
        else
        {
            _recentClients.Remember(client);
        }

        return client;
    }

    public async Task SaveClientAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        await SetAsync(ClientKey(client.ClientId), client, cancellationToken);
        // After the write: a read racing with it may have kept the old record.
        _recentClients.Forget(client.ClientId);
    }

    private async Task<IReadOnlyList<Device>> ListDevicesAsync(RedisKey setKey, CancellationToken cancellationToken)
    {
        var members = await Db.SetMembersAsync(setKey).WaitAsync(cancellationToken);
        // A member without a home (a bare device id) is from before devices were keyed by home: ignored.
        return await ReadDevicesAsync(members.Select(member => member.ToString()).Where(member => member.Contains('/', StringComparison.Ordinal)),
            cancellationToken);
    }

    private async Task<IReadOnlyList<Device>> ReadDevicesAsync(IEnumerable<string> homeDevices, CancellationToken cancellationToken)
    {
        var keys = homeDevices.Select(DeviceKey).ToArray();
        if (keys.Length == 0)
        {
            return [];
        }

        // One GET a device, sent together: an MGET must name keys of one slot, and the homes' devices are in many.
        var batch = Db.CreateBatch();
        var reads = keys.Select(key => batch.StringGetAsync(key)).ToList();
        batch.Execute();
        var values = await Task.WhenAll(reads).WaitAsync(cancellationToken);
        return values.Where(v => !v.IsNull)
            .Select(v => JsonSerializer.Deserialize<Device>(v.ToString(), Json)!)
            .OrderBy(d => d.HomeId, StringComparer.Ordinal).ThenBy(d => d.DeviceId, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<T?> GetAsync<T>(RedisKey key, CancellationToken cancellationToken) where T : class
    {
        var value = await Db.StringGetAsync(key).WaitAsync(cancellationToken);
        return value.IsNull ? null : JsonSerializer.Deserialize<T>(value.ToString(), Json);
    }

    private Task SetAsync<T>(RedisKey key, T value, CancellationToken cancellationToken) =>
        Db.StringSetAsync(key, JsonSerializer.Serialize(value, Json)).WaitAsync(cancellationToken);
}
