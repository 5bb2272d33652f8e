using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests;

public class RedisAssistantStoreTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private const string Skill = Skills.VendorSkillId;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private RedisAssistantStore Store => new(fixture.Redis);

    private IDatabase Database => fixture.Redis.GetDatabase();

    [RedisFact]
    public async Task Links_round_trip_under_the_assistant_prefix()
    {
        var link = new AccountLink(_user, Skill, LinkState.Linked, "access", "refresh", Now.AddHours(1), "owner@example.com", Now);

        await Store.EnsureUserAsync(_user, CancellationToken.None);
        await Store.SaveLinkAsync(link, CancellationToken.None);

        Assert.Equal(link, await Store.GetLinkAsync(_user, Skill, CancellationToken.None));
        Assert.True(await Store.UserExistsAsync(_user, CancellationToken.None));
        Assert.True(await Database.KeyExistsAsync($"assistant:users:{{{_user}}}:links:{Skill}"));
        Assert.Null(await Store.GetLinkAsync(_user, "other-skill", CancellationToken.None));
    }

    [RedisFact]
    public async Task A_fenced_save_keeps_the_link_index_as_the_stored_state_says_whether_or_not_the_state_changes()
    {
        var linked = new AccountLink(_user, Skill, LinkState.Linked, "access", "refresh", Now.AddHours(1), "owner@example.com", Now);
        await Store.SaveLinkAsync(linked, CancellationToken.None);

        // A refresh: new tokens, still linked (the index is not rewritten, and stays right).
        var refreshed = linked with { AccessToken = "access-2", RefreshToken = "refresh-2", ExpiresAt = Now.AddHours(2) };
        Assert.True(await Store.SaveLinkIfUnchangedAsync(linked, refreshed, lease: null, CancellationToken.None));
        Assert.Contains(_user, await Store.GetUsersWithLinkAsync(Skill, LinkState.Linked, CancellationToken.None));

        // An expiry moves the user to the other set.
        var expired = refreshed with { State = LinkState.Expired, AccessToken = null, RefreshToken = null, ExpiresAt = null, Reason = "invalid_grant" };
        Assert.True(await Store.SaveLinkIfUnchangedAsync(refreshed, expired, lease: null, CancellationToken.None));
        Assert.DoesNotContain(_user, await Store.GetUsersWithLinkAsync(Skill, LinkState.Linked, CancellationToken.None));
        Assert.Contains(_user, await Store.GetUsersWithLinkAsync(Skill, LinkState.Expired, CancellationToken.None));
    }

    [RedisFact]
    public async Task Discovery_replaces_the_endpoint_list_without_duplicates()
    {
        var lamp = Endpoint("plug-1", "bedroom lamp");
        await Store.ReplaceEndpointsAsync(_user, Skill, [lamp, Endpoint("plug-2", "fan"), lamp], CancellationToken.None);
        await Store.ReplaceEndpointsAsync(_user, Skill, [lamp with { FriendlyName = "reading lamp" }, Endpoint("plug-3", "heater")], CancellationToken.None);

        var endpoints = await Store.GetEndpointsAsync(_user, Skill, CancellationToken.None);

        Assert.Equal(["plug-3", "plug-1"], endpoints.Select(e => e.EndpointId));
        Assert.Equal("reading lamp", endpoints.Single(e => e.EndpointId == "plug-1").FriendlyName);
        Assert.Equal("home-1", endpoints[0].Cookie["homeId"]);

        await Store.ReplaceEndpointsAsync(_user, Skill, [], CancellationToken.None);
        Assert.Empty(await Store.GetEndpointsAsync(_user, Skill, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_pending_link_expires_and_is_taken_once()
    {
        var state = Guid.NewGuid().ToString("N");
        await Store.SavePendingLinkAsync(new PendingLink(state, _user, Skill, "verifier", null), TimeSpan.FromMinutes(10), CancellationToken.None);

        var ttl = await Database.KeyTimeToLiveAsync($"assistant:link-states:{state}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal("verifier", (await Store.TakePendingLinkAsync(state, CancellationToken.None))?.CodeVerifier);
        Assert.Null(await Store.TakePendingLinkAsync(state, CancellationToken.None));
    }

    [RedisFact]
    public async Task Notifications_are_listed_newest_first()
    {
        await Store.AddNotificationAsync(_user, new Notification("1", Skill, "LinkExpired", "first", Now), CancellationToken.None);
        await Store.AddNotificationAsync(_user, new Notification("2", Skill, "LinkExpired", "second", Now.AddMinutes(1)), CancellationToken.None);

        var notifications = await Store.GetNotificationsAsync(_user, CancellationToken.None);

        Assert.Equal(["2", "1"], notifications.Select(n => n.Id));
    }

    [RedisFact]
    public async Task Resolving_marks_only_the_unresolved_notices_of_that_skill_and_kind_and_keeps_them()
    {
        await Store.AddNotificationAsync(_user, new Notification("1", Skill, "LinkExpired", "first", Now), CancellationToken.None);
        await Store.AddNotificationAsync(_user, new Notification("2", "other-skill", "LinkExpired", "other", Now), CancellationToken.None);
        await Store.AddNotificationAsync(_user, new Notification("3", Skill, "Other", "other kind", Now), CancellationToken.None);

        Assert.Equal(1, await Store.ResolveNotificationsAsync(_user, Skill, "LinkExpired", Now.AddDays(1), CancellationToken.None));
        Assert.Equal(0, await Store.ResolveNotificationsAsync(_user, Skill, "LinkExpired", Now.AddDays(2), CancellationToken.None));

        var notifications = (await Store.GetNotificationsAsync(_user, CancellationToken.None)).ToDictionary(n => n.Id);
        Assert.Equal(3, notifications.Count);
        Assert.Equal(Now.AddDays(1), notifications["1"].ResolvedAt);
        Assert.Null(notifications["2"].ResolvedAt);
        Assert.Null(notifications["3"].ResolvedAt);
    }

    private static DiscoveredEndpoint Endpoint(string id, string name) =>
        new(id, name, ["LIGHT"], ["Alexa.PowerController"], new Dictionary<string, string> { ["homeId"] = "home-1" });
}
