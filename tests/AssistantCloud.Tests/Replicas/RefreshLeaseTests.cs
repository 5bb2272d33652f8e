using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests.Replicas;

/// <summary>The provider's side of the world's lease: a lease another replica holds means wait and read, never refresh.</summary>
public class RefreshLeaseTests
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _tokens = new();
    private readonly OtherReplicaLeases _leases = new();

    private AccessTokenProvider CreateProvider() =>
        new(_store, _tokens, new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance, _leases);

    private AccountLink Link(string access, string refresh, TimeSpan lifetime) =>
        new(User, Skill, LinkState.Linked, access, refresh, _time.GetUtcNow() + lifetime, "owner@example.com", _time.GetUtcNow());

    [Fact]
    public async Task Callers_wait_for_the_other_replicas_refresh_and_use_its_token()
    {
        var expiring = Link("access-1", "refresh-1", TimeSpan.FromMinutes(1));
        await _store.SaveLinkAsync(expiring, CancellationToken.None);
        _tokens.RefreshGate.SetResult();
        var provider = CreateProvider();

        var callers = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => provider.GetAccessTokenAsync(User, Skill, CancellationToken.None)))
            .ToArray();
        // The other replica refreshes and saves, then gives the lease back.
        await WaitUntilAsync(() => _leases.Takes > 0);
        await _store.SaveLinkAsync(Link("access-other", "refresh-other", TimeSpan.FromHours(1)), CancellationToken.None);
        _leases.Release();
        var results = await Task.WhenAll(callers).WaitAsync(Wait);

        Assert.All(results, r => Assert.Equal(AccessTokenResult.Valid("access-other"), r));
        Assert.Equal(0, _tokens.RefreshCalls);
        // The in-process lock is the first gate: the callers queued behind one another took the lease once, not twenty times.
        Assert.Equal(1, _leases.Takes);
    }

    [Fact]
    public async Task A_lease_never_given_back_bounds_the_wait_and_keeps_a_still_valid_token()
    {
        await _store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(2)), CancellationToken.None);

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        // Two minutes left: inside the refresh margin, but still good for this command.
        Assert.Equal(AccessTokenResult.Valid("access-1"), result);
        Assert.Equal(0, _tokens.RefreshCalls);
    }

    [Fact]
    public async Task A_rejected_token_with_the_lease_held_elsewhere_ends_unavailable_not_hung()
    {
        await _store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromHours(1)), CancellationToken.None);

        var result = await CreateProvider().RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.Unavailable, result.Status);
        Assert.Equal(0, _tokens.RefreshCalls);
    }

    [Fact]
    public async Task A_link_re_made_during_the_refresh_is_not_overwritten_by_it()
    {
        _leases.Release(); // this replica takes the lease
        await _store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        var provider = CreateProvider();

        var refreshing = Task.Run(() => provider.GetAccessTokenAsync(User, Skill, CancellationToken.None));
        await WaitUntilAsync(() => _tokens.RefreshCalls > 0);
        // Meanwhile the person links again on another replica: a new grant, new tokens.
        var relinked = Link("access-new-grant", "refresh-new-grant", TimeSpan.FromHours(1));
        await _store.SaveLinkAsync(relinked, CancellationToken.None);
        _tokens.RefreshGate.SetResult();
        var result = await refreshing.WaitAsync(Wait);

        Assert.Equal(AccessTokenResult.Valid("access-new-grant"), result);
        Assert.Equal(relinked, await _store.GetLinkAsync(User, Skill, CancellationToken.None));
    }

    [Fact]
    public async Task Refreshed_tokens_are_kept_when_the_store_aborts_their_save_while_the_link_is_as_read()
    {
        _leases.Release(); // this replica takes the lease
        await _store.SaveLinkAsync(Link("access-1", "refresh-1", TimeSpan.FromMinutes(1)), CancellationToken.None);
        _tokens.RefreshGate.SetResult();
        _store.AbortConditionalSaves = 3; // the fenced save and two unfenced ones

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenResult.Valid("access-2"), result);
        // The rotated refresh token is the one kept: the next refresh presents it, not the one the vendor retired.
        Assert.Equal("refresh-2", (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.RefreshToken);
        Assert.Equal(4, _store.ConditionalSaves);
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
