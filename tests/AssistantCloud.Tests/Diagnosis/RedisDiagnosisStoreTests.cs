using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>The failed-command record and the link index on a real redis-server.</summary>
public class RedisDiagnosisStoreTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");

    // A skill of its own per test: the index counts are per skill, and tests share the server.
    private readonly string _skill = "skill-" + Guid.NewGuid().ToString("N");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private RedisAssistantStore Store => new(fixture.Redis);

    private IDatabase Database => fixture.Redis.GetDatabase();

    private static FailedCommand Failed(string text, string hop) =>
        new("0af7651916cd43dd8448eb211c80319c", Now, text, UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", hop);

    private AccountLink Link(string user, LinkState state) => new(user, _skill, state, "access", "refresh", Now.AddHours(1), "owner@example.com", Now);

    [RedisFact]
    public async Task Failed_command_is_kept_per_device_and_as_the_latest_of_any_device()
    {
        var lamp = Failed("turn on the bedroom lamp", ChainHops.Plug);
        var fan = Failed("turn on the fan", ChainHops.Uplink);

        Assert.Null(await Store.GetFailedCommandAsync(_user, "plug-1", CancellationToken.None));
        await Store.RecordFailedCommandAsync(_user, "plug-1", lamp, CancellationToken.None);
        await Store.RecordFailedCommandAsync(_user, "plug-2", fan, CancellationToken.None);

        Assert.Equal(lamp, await Store.GetFailedCommandAsync(_user, "plug-1", CancellationToken.None));
        Assert.Equal(fan, await Store.GetFailedCommandAsync(_user, "plug-2", CancellationToken.None));
        Assert.Equal(fan, await Store.GetFailedCommandAsync(_user, "plug-3", CancellationToken.None)); // else the user's latest
        Assert.Equal(fan, await Store.GetFailedCommandAsync(_user, null, CancellationToken.None));
        var hash = await Database.HashGetAllAsync($"assistant:users:{{{_user}}}:failed-commands");
        Assert.Equal(["*", "plug-1", "plug-2"], hash.Select(e => e.Name.ToString()).Order());
    }

    [RedisFact]
    public async Task Failed_command_without_a_device_is_kept_as_the_latest_only()
    {
        var notLinked = Failed("turn on the bedroom lamp", ChainHops.Link) with { Outcome = UtteranceOutcome.NotLinked, ErrorType = null };

        await Store.RecordFailedCommandAsync(_user, null, notLinked, CancellationToken.None);

        Assert.Equal(notLinked, await Store.GetFailedCommandAsync(_user, "plug-1", CancellationToken.None));
        Assert.Equal(1, await Database.HashLengthAsync($"assistant:users:{{{_user}}}:failed-commands"));
    }

    [RedisFact]
    public async Task Saving_a_link_moves_the_user_between_the_index_sets()
    {
        var other = "user-" + Guid.NewGuid().ToString("N");
        await Store.SaveLinkAsync(Link(_user, LinkState.Linked), CancellationToken.None);
        await Store.SaveLinkAsync(Link(other, LinkState.Linked), CancellationToken.None);
        Assert.Equal(2, (await Store.CountLinksAsync(_skill, CancellationToken.None))[LinkState.Linked]);

        await Store.SaveLinkAsync(Link(_user, LinkState.Expired), CancellationToken.None);

        var counts = await Store.CountLinksAsync(_skill, CancellationToken.None);
        Assert.Equal((1L, 1L, 0L), (counts[LinkState.Linked], counts[LinkState.Expired], counts[LinkState.Unlinked]));
        Assert.True(await Database.SetContainsAsync($"assistant:link-index:{{{_skill}}}:Expired", _user));
        Assert.False(await Database.SetContainsAsync($"assistant:link-index:{{{_skill}}}:Linked", _user));

        await Store.SaveLinkAsync(AccountLink.Unlinked(_user, _skill, Now), CancellationToken.None);

        counts = await Store.CountLinksAsync(_skill, CancellationToken.None);
        Assert.Equal((1L, 0L, 1L), (counts[LinkState.Linked], counts[LinkState.Expired], counts[LinkState.Unlinked]));
        Assert.Equal(Link(other, LinkState.Linked), await Store.GetLinkAsync(other, _skill, CancellationToken.None));
    }

    [RedisFact]
    public async Task Backfill_indexes_links_saved_before_the_index_existed()
    {
        const string skill = Skills.VendorSkillId;
        await Store.EnsureUserAsync(_user, CancellationToken.None);
        await Store.SaveLinkAsync(new AccountLink(_user, skill, LinkState.Expired, null, null, null, null, Now), CancellationToken.None);
        // As an older version left it: the link without its index entry.
        await Database.SetRemoveAsync($"assistant:link-index:{{{skill}}}:Expired", _user);

        var indexed = await Store.IndexAllLinksAsync(CancellationToken.None);

        Assert.True(indexed >= 1);
        Assert.True(await Database.SetContainsAsync($"assistant:link-index:{{{skill}}}:Expired", _user));
        Assert.False(await Database.SetContainsAsync($"assistant:link-index:{{{skill}}}:Linked", _user));
    }

    [RedisFact]
    public async Task The_index_service_refreshes_the_cached_counts_the_gauge_reports()
    {
        await Store.EnsureUserAsync(_user, CancellationToken.None);
        await Store.SaveLinkAsync(new AccountLink(_user, Skills.VendorSkillId, LinkState.Linked, "a", "r", Now.AddHours(1), null, Now), CancellationToken.None);
        var counts = new LinkCounts();
        var service = new LinkIndexService(Store, counts, Microsoft.Extensions.Logging.Abstractions.NullLogger<LinkIndexService>.Instance);
        Assert.Empty(counts.Measurements()); // nothing reported before the first count

        await service.RefreshAsync(CancellationToken.None);

        Assert.True(counts.Current![LinkState.Linked] >= 1);
        var measurements = counts.Measurements().ToList();
        Assert.Equal(["Expired", "Linked", "Unlinked"], measurements.Select(m => (string)m.Tags[0].Value!).Order(StringComparer.Ordinal));
        Assert.Equal(counts.Current[LinkState.Linked], measurements.Single(m => (string?)m.Tags[0].Value == "Linked").Value);
    }
}
