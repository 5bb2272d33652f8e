using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The link index on keys a Redis Cluster can serve: a user's keys share the user's hash tag, a skill's index sets the
/// skill's, and the index (no longer in the link's MULTI/EXEC) still ends as the stored link says.
/// </summary>
public sealed class LinkIndexClusterTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private const string Skill = Skills.VendorSkillId;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private RedisAssistantStore Store => new(fixture.Redis);

    private IDatabase Database => fixture.Redis.GetDatabase();

    [RedisFact]
    public async Task Concurrent_saves_of_one_link_leave_the_user_in_the_index_set_of_the_stored_state_only()
    {
        await Store.EnsureUserAsync(_user, CancellationToken.None);
        var states = Enum.GetValues<LinkState>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Store.SaveLinkAsync(
            new AccountLink(_user, Skill, states[i % states.Length], null, null, null, null, Now.AddSeconds(i)), CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var stored = await Store.GetLinkAsync(_user, Skill, CancellationToken.None);
        Assert.NotNull(stored);
        foreach (var state in states)
        {
            var users = await Store.GetUsersWithLinkAsync(Skill, state, CancellationToken.None);
            Assert.Equal(state == stored.State, users.Contains(_user));
        }
    }

    [RedisFact]
    public async Task A_users_keys_carry_the_user_as_hash_tag_and_a_skills_index_sets_the_skill()
    {
        await Store.SaveLinkAsync(new AccountLink(_user, Skill, LinkState.Linked, null, null, null, null, Now), CancellationToken.None);
        await Store.RecordFailedCommandAsync(_user, "plug-1",
            new FailedCommand(null, Now, "turn on the lamp", UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", "plug"), CancellationToken.None);

        Assert.True(await Database.KeyExistsAsync($"assistant:users:{{{_user}}}:links:{Skill}"));
        Assert.True(await Database.KeyExistsAsync($"assistant:users:{{{_user}}}:failed-commands"));
        Assert.True(await Database.SetContainsAsync($"assistant:link-index:{{{Skill}}}:Linked", _user));
    }
}
