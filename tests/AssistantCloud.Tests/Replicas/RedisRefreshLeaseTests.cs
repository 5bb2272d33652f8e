using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SmartHome.AssistantCloud.Tests.Replicas;

/// <summary>
/// Two "replicas" (each its own provider, lock and lease client) on one real Redis: one refresh between them,
/// and a refresher whose lease lapsed never overwrites newer tokens.
/// </summary>
public class RedisRefreshLeaseTests(RedisServerFixture fixture, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeTokenClient _tokens = new();

    private RedisAssistantStore Store => new(fixture.Redis);

    private IDatabase Database => fixture.Redis.GetDatabase();

    private AccessTokenProvider Replica() =>
        new(Store, _tokens, new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance,
            new RedisRefreshLeases(fixture.Redis));

    private AccountLink Link(string access, string refresh, TimeSpan lifetime) =>
        new(_user, Skill, LinkState.Linked, access, refresh, _time.GetUtcNow() + lifetime, "owner@example.com", _time.GetUtcNow());

    [RedisFact]
    public async Task Twenty_callers_on_two_replicas_at_expiry_make_exactly_one_refresh()
    {
        await Store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        AccessTokenProvider[] replicas = [Replica(), Replica()];

        var callers = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => replicas[i % 2].GetAccessTokenAsync(_user, Skill, CancellationToken.None)))
            .ToArray();
        // Hold the one refresh open while the other replica's callers find the lease taken.
        await WaitUntilAsync(() => _tokens.RefreshCalls > 0);
        await Task.Delay(200);
        _tokens.RefreshGate.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(Wait);

        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.All(results, r => Assert.Equal(AccessTokenResult.Valid("access-2"), r));
        Assert.Equal("refresh-2", (await Store.GetLinkAsync(_user, Skill, CancellationToken.None))!.RefreshToken);
        Assert.False(await Database.KeyExistsAsync(RedisRefreshLeases.LeaseKey(_user, Skill)), "the lease is given back");
    }

    [RedisFact]
    public async Task A_lease_is_taken_once_and_released_only_by_its_holder()
    {
        var leases = new RedisRefreshLeases(fixture.Redis);

        var first = await leases.TryTakeAsync(_user, Skill, CancellationToken.None);
        var second = await leases.TryTakeAsync(_user, Skill, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Contains($"{{{_user}}}", RedisRefreshLeases.LeaseKey(_user, Skill).ToString()); // the hash tag is the user
        var ttl = await Database.KeyTimeToLiveAsync(RedisRefreshLeases.LeaseKey(_user, Skill));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), RedisRefreshLeases.LeaseLifetime);

        // A stale holder (its fencing token no longer the one stored) cannot release the lease.
        await leases.ReleaseAsync(new RefreshLease(first!.User, first.Skill, "stale"));
        Assert.False(await leases.WaitUntilFreeAsync(_user, Skill, TimeSpan.FromMilliseconds(100), CancellationToken.None));

        await leases.ReleaseAsync(first!);
        Assert.True(await leases.WaitUntilFreeAsync(_user, Skill, TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.NotNull(await leases.TryTakeAsync(_user, Skill, CancellationToken.None));
    }

    [RedisFact]
    public async Task The_fenced_save_fails_once_the_lease_lapsed_and_another_replica_took_it()
    {
        var leases = new RedisRefreshLeases(fixture.Redis);
        var read = Link("access-1", "refresh-1", TimeSpan.FromMinutes(1));
        await Store.SaveLinkAsync(read, CancellationToken.None);
        var mine = (await leases.TryTakeAsync(_user, Skill, CancellationToken.None))!;

        // Mine lapses (simulated by its key going) and replica B takes the link's lease.
        await Database.KeyDeleteAsync(RedisRefreshLeases.LeaseKey(_user, Skill));
        var theirs = (await leases.TryTakeAsync(_user, Skill, CancellationToken.None))!;

        Assert.False(await Store.SaveLinkIfUnchangedAsync(read, Link("access-late", "refresh-late", TimeSpan.FromHours(1)), mine, CancellationToken.None));
        var newer = Link("access-b", "refresh-b", TimeSpan.FromHours(1));
        Assert.True(await Store.SaveLinkIfUnchangedAsync(read, newer, theirs, CancellationToken.None));
        // Even unfenced, a save onto the link as it was read fails now: the newer tokens stay.
        Assert.False(await Store.SaveLinkIfUnchangedAsync(read, Link("access-late", "refresh-late", TimeSpan.FromHours(1)), null, CancellationToken.None));
        Assert.Equal(newer, await Store.GetLinkAsync(_user, Skill, CancellationToken.None));
        Assert.Contains(_user, await Store.GetUsersWithLinkAsync(Skill, LinkState.Linked, CancellationToken.None));
    }

    [RedisFact]
    public async Task The_fenced_save_gives_the_lease_back_in_its_own_transaction()
    {
        var leases = new RedisRefreshLeases(fixture.Redis);
        var read = Link("access-1", "refresh-1", TimeSpan.FromMinutes(1));
        await Store.SaveLinkAsync(read, CancellationToken.None);
        var lease = (await leases.TryTakeAsync(_user, Skill, CancellationToken.None))!;

        var refreshed = Link("access-2", "refresh-2", TimeSpan.FromHours(1));
        Assert.True(await Store.SaveLinkIfUnchangedAsync(read, refreshed, lease, CancellationToken.None));

        Assert.True(lease.ReleasedBySave);
        Assert.False(await Database.KeyExistsAsync(RedisRefreshLeases.LeaseKey(_user, Skill)));
        // Releasing it again is nothing: the next refresher's lease stays.
        var next = (await leases.TryTakeAsync(_user, Skill, CancellationToken.None))!;
        await leases.ReleaseAsync(lease);
        Assert.Equal(next.FencingToken, (string?)await Database.StringGetAsync(RedisRefreshLeases.LeaseKey(_user, Skill)));
        Assert.Equal(refreshed, await Store.GetLinkAsync(_user, Skill, CancellationToken.None));
    }

    [RedisFact]
    public async Task The_fenced_save_compares_links_not_texts_when_the_stored_text_is_written_differently()
    {
        // The same link stored as other JSON text (indented: another writer, another version): the save reads it and
        // compares it as a link, and still refuses a link that differs.
        var read = Link("access-1", "refresh-1", TimeSpan.FromMinutes(1));
        await Store.SaveLinkAsync(read, CancellationToken.None);
        var key = RedisAssistantStore.LinkKey(_user, Skill);
        var stored = (string?)await Database.StringGetAsync(key);
        Assert.NotNull(stored);
        var indented = System.Text.Json.Nodes.JsonNode.Parse(stored)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.NotEqual(stored, indented);
        await Database.StringSetAsync(key, indented);

        var other = Link("access-x", "refresh-x", TimeSpan.FromMinutes(1));
        Assert.False(await Store.SaveLinkIfUnchangedAsync(other, Link("access-y", "refresh-y", TimeSpan.FromHours(1)), null, CancellationToken.None));
        var lease = (await new RedisRefreshLeases(fixture.Redis).TryTakeAsync(_user, Skill, CancellationToken.None))!;
        var refreshed = Link("access-2", "refresh-2", TimeSpan.FromHours(1));
        Assert.True(await Store.SaveLinkIfUnchangedAsync(read, refreshed, lease, CancellationToken.None));
        Assert.Equal(refreshed, await Store.GetLinkAsync(_user, Skill, CancellationToken.None));
        Assert.True(lease.ReleasedBySave);
    }

    [RedisFact]
    public async Task A_refresher_whose_lease_lapsed_keeps_the_newer_tokens_another_replica_saved()
    {
        await Store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        var replicaA = Replica();

        var refreshing = Task.Run(() => replicaA.GetAccessTokenAsync(_user, Skill, CancellationToken.None));
        await WaitUntilAsync(() => _tokens.RefreshCalls > 0);
        // A stalls past its lease; replica B takes the lease, refreshes and saves (played here by the test).
        await Database.KeyDeleteAsync(RedisRefreshLeases.LeaseKey(_user, Skill));
        var leaseB = (await new RedisRefreshLeases(fixture.Redis).TryTakeAsync(_user, Skill, CancellationToken.None))!;
        var fromB = Link("access-b", "refresh-b", TimeSpan.FromHours(1));
        Assert.True(await Store.SaveLinkIfUnchangedAsync((await Store.GetLinkAsync(_user, Skill, CancellationToken.None))!, fromB, leaseB, CancellationToken.None));
        // B's save gave its lease back; replica C takes the link's lease next.
        Assert.True(leaseB.ReleasedBySave);
        var leaseC = (await new RedisRefreshLeases(fixture.Redis).TryTakeAsync(_user, Skill, CancellationToken.None))!;
        _tokens.RefreshGate.SetResult();
        var result = await refreshing.WaitAsync(Wait);

        Assert.Equal(AccessTokenResult.Valid("access-b"), result);
        Assert.Equal(fromB, await Store.GetLinkAsync(_user, Skill, CancellationToken.None));
        // A's release did not free C's lease.
        Assert.Equal(leaseC.FencingToken, (string?)await Database.StringGetAsync(RedisRefreshLeases.LeaseKey(_user, Skill)));
    }

    [RedisFact]
    public async Task A_lease_that_lapsed_with_nobody_else_refreshing_still_keeps_the_rotated_tokens()
    {
        await Store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        var refreshing = Task.Run(() => Replica().GetAccessTokenAsync(_user, Skill, CancellationToken.None));
        await WaitUntilAsync(() => _tokens.RefreshCalls > 0);
        await Database.KeyDeleteAsync(RedisRefreshLeases.LeaseKey(_user, Skill));
        _tokens.RefreshGate.SetResult();

        Assert.Equal(AccessTokenResult.Valid("access-2"), await refreshing.WaitAsync(Wait));
        Assert.Equal("refresh-2", (await Store.GetLinkAsync(_user, Skill, CancellationToken.None))!.RefreshToken);
    }

    [RedisFact]
    public async Task A_failed_refresh_backs_off_every_replica()
    {
        await Store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        _tokens.OnRefresh = _ => TokenResult.Unreachable("connection refused");
        _tokens.RefreshGate.SetResult();

        var first = await Replica().GetAccessTokenAsync(_user, Skill, CancellationToken.None).WaitAsync(Wait);
        var other = await Replica().GetAccessTokenAsync(_user, Skill, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(AccessTokenResult.Valid("access-1"), first); // still good for a minute
        Assert.Equal(AccessTokenResult.Valid("access-1"), other);
        Assert.Equal(1, _tokens.RefreshCalls);

        // The back-off is in the world's time: once it has passed, the next replica refreshes.
        _time.Advance(AccessTokenProvider.RefreshRetryDelay + TimeSpan.FromSeconds(1));
        _tokens.OnRefresh = _ => TokenResult.Success("access-2", "refresh-2", 3600);
        Assert.Equal(AccessTokenResult.Valid("access-2"), await Replica().GetAccessTokenAsync(_user, Skill, CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(2, _tokens.RefreshCalls);
    }

    [RedisFact]
    public async Task A_good_token_costs_one_read_and_a_refresh_a_handful_of_commands()
    {
        await Store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        _tokens.RefreshGate.SetResult();
        var replica = Replica();

        var refreshCommands = await CommandsDuringAsync(() => replica.GetAccessTokenAsync(_user, Skill, CancellationToken.None));
        var goodTokenCommands = await CommandsDuringAsync(() => replica.GetAccessTokenAsync(_user, Skill, CancellationToken.None));

        output.WriteLine($"Redis commands: a good token {goodTokenCommands}, a refresh {refreshCommands} (of which the first link read is as before)");
        Assert.Equal(1, goodTokenCommands); // the link's GET, as before the lease existed
        Assert.Equal(1, _tokens.RefreshCalls);
    }

    /// <summary>The commands the server ran while <paramref name="action"/> did (INFO commandstats, less housekeeping), by name.</summary>
    private async Task<long> CommandsDuringAsync(Func<Task> action)
    {
        var admin = ConfigurationOptions.Parse(fixture.Redis.Configuration);
        admin.AllowAdmin = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(admin);
        var server = connection.GetServers().Single();
        // The multiplexers' own housekeeping (heartbeats, the admin connection's handshake) is not the provider's.
        string[] housekeeping = ["cmdstat_info", "cmdstat_ping", "cmdstat_echo", "cmdstat_client", "cmdstat_config", "cmdstat_cluster", "cmdstat_subscribe", "cmdstat_hello", "cmdstat_select"];
        async Task<Dictionary<string, long>> CountsAsync() => (await server.InfoAsync("commandstats")).SelectMany(group => group)
            .Where(pair => !housekeeping.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(pair => pair.Key["cmdstat_".Length..], pair => long.Parse(pair.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        var before = await CountsAsync();
        await action().WaitAsync(Wait);
        var ran = (await CountsAsync()).Select(c => (c.Key, Count: c.Value - before.GetValueOrDefault(c.Key))).Where(c => c.Count > 0).ToList();
        output.WriteLine(string.Join(" ", ran.Select(c => $"{c.Key}={c.Count}")));
        return ran.Sum(c => c.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
