using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Tests;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests.Redis;

/// <summary>
/// The vendor's Redis stores with writes that a Redis Cluster cannot put in one MULTI/EXEC (their keys are in other
/// slots): done in ordered steps, the record stays the truth and an index entry that disagrees with it is not believed.
/// </summary>
public sealed class ClusterSafeStoreTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _id = Guid.NewGuid().ToString("N");

    private RedisOAuthStore OAuth => new(fixture.Redis, new RecentAccessTokens(new FakeTimeProvider(Now)));

    private RedisVendorDirectory Directory => new(fixture.Redis);

    [RedisFact]
    public async Task Lost_answers_armed_on_one_replica_are_taken_once_each_and_what_is_left_is_disarmed_and_counted()
    {
        var account = "acct-" + _id;
        await OAuth.ArmLostRefreshAnswerAsync(account, CancellationToken.None);
        await OAuth.ArmLostRefreshAnswerAsync(account, CancellationToken.None);
        await OAuth.ArmLostRefreshAnswerAsync(account, CancellationToken.None);

        Assert.True(await OAuth.TakeLostRefreshAnswerAsync(account, CancellationToken.None));
        Assert.Equal(2, await OAuth.DisarmLostRefreshAnswersAsync(account, CancellationToken.None));
        Assert.False(await OAuth.TakeLostRefreshAnswerAsync(account, CancellationToken.None));
        Assert.Equal(0, await OAuth.DisarmLostRefreshAnswersAsync(account, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_rotated_refresh_token_finds_its_grant_and_the_one_it_replaced_no_longer_does_once_retired_tokens_are_dropped()
    {
        var grant = new Grant("grant-" + _id, "acct-" + _id, "assistant", Now, Now, "hash-a-" + _id);
        await OAuth.CreateGrantAsync(grant, CancellationToken.None);

        var rotated = await OAuth.UpdateGrantAsync(grant.GrantId, g => g with { RefreshTokenHash = "hash-b-" + _id }, CancellationToken.None);

        Assert.NotNull(rotated);
        Assert.Equal(grant.GrantId, (await OAuth.FindGrantByRefreshTokenAsync("hash-b-" + _id, CancellationToken.None))?.GrantId);
        Assert.Null(await OAuth.FindGrantByRefreshTokenAsync("hash-a-" + _id, CancellationToken.None));
        Assert.Equal([grant.GrantId], (await OAuth.ListAccountGrantsAsync(grant.AccountId, CancellationToken.None)).Select(g => g.GrantId));
    }

    [RedisFact]
    public async Task An_update_after_a_read_decides_on_the_grant_as_stored_when_another_replica_changed_it_in_between()
    {
        var grant = new Grant("grant-" + _id, "acct-" + _id, "assistant", Now, Now, "hash-a-" + _id);
        await OAuth.CreateGrantAsync(grant, CancellationToken.None);
        var mine = OAuth;
        var theirs = OAuth;
        // This replica reads the grant (a refresh finding it by its token), another rotates it meanwhile.
        Assert.NotNull(await mine.FindGrantByRefreshTokenAsync("hash-a-" + _id, CancellationToken.None));
        Assert.NotNull(await theirs.UpdateGrantAsync(grant.GrantId, g => g with { RefreshTokenHash = "hash-b-" + _id }, CancellationToken.None));

        // A change that declines on the grant as first read ("hash-a" is no longer current) is decided again on the stored one.
        var updated = await mine.UpdateGrantAsync(grant.GrantId,
            g => g.RefreshTokenHash == "hash-b-" + _id ? g with { RefreshTokenHash = "hash-c-" + _id } : null, CancellationToken.None);

        Assert.Equal("hash-c-" + _id, updated?.RefreshTokenHash);
        Assert.Equal("hash-c-" + _id, (await OAuth.GetGrantAsync(grant.GrantId, CancellationToken.None))?.RefreshTokenHash);
    }

    [RedisFact]
    public async Task An_update_after_a_read_does_not_overwrite_a_change_another_replica_made_in_between()
    {
        var grant = new Grant("grant-" + _id, "acct-" + _id, "assistant", Now, Now, "hash-a-" + _id);
        await OAuth.CreateGrantAsync(grant, CancellationToken.None);
        var mine = OAuth;
        Assert.NotNull(await mine.GetGrantAsync(grant.GrantId, CancellationToken.None));
        Assert.NotNull(await OAuth.UpdateGrantAsync(grant.GrantId, g => g.Revoke(RevocationReasons.ClientRevoked, Now), CancellationToken.None));

        // Computed first on the grant as read here (alive), written only on the grant as stored (revoked): declined.
        Assert.Null(await mine.UpdateGrantAsync(grant.GrantId, g => g.IsRevoked ? null : g with { RefreshTokenHash = "hash-b-" + _id },
            CancellationToken.None));

        var stored = await OAuth.GetGrantAsync(grant.GrantId, CancellationToken.None);
        Assert.True(stored?.IsRevoked);
        Assert.Equal("hash-a-" + _id, stored?.RefreshTokenHash);
    }

    [RedisFact]
    public async Task A_refresh_pointer_that_its_grant_does_not_list_finds_nothing()
    {
        var grant = new Grant("grant-" + _id, "acct-" + _id, "assistant", Now, Now, "hash-a-" + _id);
        await OAuth.CreateGrantAsync(grant, CancellationToken.None);
        // What an update that lost its race, or a crash between its steps, can leave behind.
        await fixture.Redis.GetDatabase().StringSetAsync($"vendor:oauth:refresh:stray-{_id}", grant.GrantId);

        Assert.Null(await OAuth.FindGrantByRefreshTokenAsync("stray-" + _id, CancellationToken.None));
        Assert.NotNull(await OAuth.FindGrantByRefreshTokenAsync("hash-a-" + _id, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_device_moved_to_another_account_is_listed_under_that_account_only()
    {
        var home = "home-" + _id;
        var device = new Device("plug-1", home, "acct-a-" + _id, "lamp", "Acme", "P1", null, null);
        await Directory.SaveDeviceAsync(device, CancellationToken.None);
        await Directory.SaveDeviceAsync(device with { AccountId = "acct-b-" + _id }, CancellationToken.None);
        // Even if the old account's entry were still there (a crash between the steps), it is checked against the record.
        await fixture.Redis.GetDatabase().SetAddAsync($"vendor:account:{{acct-a-{_id}}}:devices", $"{home}/plug-1");

        Assert.Empty(await Directory.ListAccountDevicesAsync("acct-a-" + _id, CancellationToken.None));
        Assert.Null(await Directory.FindAccountDeviceAsync("acct-a-" + _id, "plug-1", CancellationToken.None));
        Assert.Equal("acct-b-" + _id, Assert.Single(await Directory.ListAccountDevicesAsync("acct-b-" + _id, CancellationToken.None)).AccountId);
        Assert.Single(await Directory.ListHomeDevicesAsync(home, CancellationToken.None));
        Assert.Single(await Directory.FindDevicesByIdAsync("plug-1", CancellationToken.None), d => d.HomeId == home);
    }

    [RedisFact]
    public async Task A_removed_device_leaves_no_entry_in_any_index()
    {
        var home = "home-" + _id;
        var device = new Device("plug-2", home, "acct-" + _id, "fan", "Acme", "P1", null, null);
        await Directory.SaveDeviceAsync(device, CancellationToken.None);

        Assert.True(await Directory.RemoveDeviceAsync(home, "plug-2", CancellationToken.None));

        Assert.Empty(await Directory.ListAccountDevicesAsync(device.AccountId, CancellationToken.None));
        Assert.Empty(await Directory.ListHomeDevicesAsync(home, CancellationToken.None));
        Assert.DoesNotContain(await Directory.FindDevicesByIdAsync("plug-2", CancellationToken.None), d => d.HomeId == home);
        Assert.False(await fixture.Redis.GetDatabase().SetContainsAsync($"vendor:account:{{{device.AccountId}}}:devices", $"{home}/plug-2"));
    }
}
