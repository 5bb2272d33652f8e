using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

// The transactions here are the WATCH kind the lanes carry: SET ... IFEQ (SER301's suggestion) needs Redis 8.4, and neither
// the embedded Garnet nor Debian's redis-server 7 has it.
#pragma warning disable SER301

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// Conditional transactions on connections of their own (<see cref="RedisTransactionLanes"/>), against a real redis-server:
/// they leave the main connection, take the lanes in turn, fall back to the main connection without a connected lane,
/// and their conditions decide as before.
/// </summary>
public sealed class RedisTransactionLanesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly List<IConnectionMultiplexer> _opened = [];

    private IConnectionMultiplexer Open(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        var multiplexer = ConnectionMultiplexer.Connect(options);
        lock (_opened)
        {
            _opened.Add(multiplexer);
        }

        return multiplexer;
    }

    private RedisTransactionLanes LanesOf(int count) =>
        new(redis.Redis, [.. Enumerable.Range(0, count).Select(_ => (Func<IConnectionMultiplexer>)(() => Open(redis.Redis.Configuration)))]);

    private static async Task ConnectedAsync(RedisTransactionLanes lanes, int expected)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (lanes.Connected < expected)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [RedisFact]
    public async Task A_conditional_transaction_goes_to_a_lane_and_the_lanes_are_taken_in_turn()
    {
        var lanes = LanesOf(2);
        await ConnectedAsync(lanes, 2);

        var used = Enumerable.Range(0, 6).Select(_ => lanes.CreateTransaction().Multiplexer).ToList();

        Assert.DoesNotContain(redis.Redis, used);
        Assert.Equal(2, used.Distinct().Count());
        Assert.All(used.Chunk(2), pair => Assert.NotSame(pair[0], pair[1]));
    }

    [RedisFact]
    public async Task Without_a_connected_lane_the_main_connection_carries_the_transaction()
    {
        // A lane whose Redis is not there: its multiplexer exists but never connects.
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-redis-{Guid.NewGuid():N}.sock");
        var lanes = new RedisTransactionLanes(redis.Redis, [() => Open(nowhere)]);
        var key = $"lanes:fallback:{Guid.NewGuid():N}";
        await redis.Redis.GetDatabase().StringSetAsync(key, "before");

        var transaction = lanes.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(key, "before"));
        _ = transaction.StringSetAsync(key, "after");

        Assert.Same(redis.Redis, transaction.Multiplexer);
        Assert.True(await transaction.ExecuteAsync().WaitAsync(Bound));
        Assert.Equal("after", await redis.Redis.GetDatabase().StringGetAsync(key));
        Assert.Equal(0, lanes.Connected);
    }

    [RedisFact]
    public async Task A_condition_on_a_lane_sees_what_the_main_connection_wrote_and_refuses_a_stale_read()
    {
        var lanes = LanesOf(1);
        await ConnectedAsync(lanes, 1);
        var main = redis.Redis.GetDatabase();
        var key = $"lanes:condition:{Guid.NewGuid():N}";
        await main.StringSetAsync(key, "v1");
        // Someone else moves the value on after "v1" was read.
        await main.StringSetAsync(key, "v2");

        var stale = lanes.CreateTransaction();
        stale.AddCondition(Condition.StringEqual(key, "v1"));
        _ = stale.StringSetAsync(key, "from a stale read");
        var fresh = lanes.CreateTransaction();
        fresh.AddCondition(Condition.StringEqual(key, "v2"));
        _ = fresh.StringSetAsync(key, "v3");

        Assert.False(await stale.ExecuteAsync().WaitAsync(Bound));
        Assert.True(await fresh.ExecuteAsync().WaitAsync(Bound));
        Assert.Equal("v3", await main.StringGetAsync(key));
    }

    [RedisFact]
    public async Task The_assistants_fenced_save_of_a_refresh_goes_through_a_lane_and_gives_the_lease_back()
    {
        var lanes = LanesOf(2);
        await ConnectedAsync(lanes, 2);
        var store = new RedisAssistantStore(redis.Redis, lanes);
        var leases = new RedisRefreshLeases(redis.Redis);
        var user = $"lanes-{Guid.NewGuid():N}";
        var linked = new AccountLink(user, "vendor-skill", LinkState.Linked, "access-1", "refresh-1", DateTimeOffset.UtcNow.AddHours(1),
            "acct-1", DateTimeOffset.UtcNow);
        await store.SaveLinkAsync(linked, CancellationToken.None);
        var lease = await leases.TryTakeAsync(user, "vendor-skill", CancellationToken.None);
        Assert.NotNull(lease);

        var refreshed = linked with { AccessToken = "access-2", RefreshToken = "refresh-2" };
        Assert.True(await store.SaveLinkIfUnchangedAsync(linked, refreshed, lease, CancellationToken.None).WaitAsync(Bound));
        // A second save from the same, now stale, read is refused: the condition ran on the lane against the stored link.
        Assert.False(await store.SaveLinkIfUnchangedAsync(linked, linked with { AccessToken = "access-3" }, lease: null, CancellationToken.None)
            .WaitAsync(Bound));

        Assert.Equal("refresh-2", (await store.GetLinkAsync(user, "vendor-skill", CancellationToken.None))?.RefreshToken);
        Assert.NotNull(await leases.TryTakeAsync(user, "vendor-skill", CancellationToken.None));
    }

    [RedisFact]
    public async Task A_service_gets_its_lanes_from_the_connection_string_and_the_setting_says_how_many()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.Redis.Configuration,
            [RedisTransactionLanes.CountKey] = "3",
            ["OTEL_SDK_DISABLED"] = "true",
        });
        builder.AddRedisConnection();
        using var host = builder.Build();

        var lanes = host.Services.GetRequiredService<RedisTransactionLanes>();
        await ConnectedAsync(lanes, 3);

        Assert.Equal(3, lanes.Count);
        Assert.NotSame(host.Services.GetRequiredService<IConnectionMultiplexer>(), lanes.CreateTransaction().Multiplexer);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("33")]
    public void A_lane_count_out_of_range_stops_the_start_naming_the_setting(string count)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "localhost:1",
            [RedisTransactionLanes.CountKey] = count,
        });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisConnection());

        Assert.Contains(RedisTransactionLanes.CountKey, error.Message);
        Assert.Contains(count, error.Message);
    }

    public void Dispose()
    {
        foreach (var multiplexer in _opened)
        {
            multiplexer.Dispose();
        }
    }
}
