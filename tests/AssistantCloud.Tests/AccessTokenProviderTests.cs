using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

public class AccessTokenProviderTests
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _tokens = new();
    private readonly LinkLocks _locks = new();

    private AccessTokenProvider CreateProvider() =>
        new(_store, _tokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance);

    private Task LinkAsync(TimeSpan accessTokenLifetime) => _store.SaveLinkAsync(new AccountLink(
        User, Skill, LinkState.Linked, "access-1", "refresh-1", _time.GetUtcNow() + accessTokenLifetime, "owner@example.com", _time.GetUtcNow()),
        CancellationToken.None);

    [Fact]
    public async Task A_token_far_from_expiry_is_used_without_refresh()
    {
        await LinkAsync(TimeSpan.FromHours(1));
        _tokens.RefreshGate.SetResult();

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.Valid, result.Status);
        Assert.Equal("access-1", result.AccessToken);
        Assert.Equal(0, _tokens.RefreshCalls);
    }

    [Fact]
    public async Task Twenty_concurrent_callers_at_expiry_share_exactly_one_refresh()
    {
        await LinkAsync(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromMinutes(56)); // 4 minutes left: inside the 5-minute margin
        var provider = CreateProvider();

        var callers = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => provider.GetAccessTokenAsync(User, Skill, CancellationToken.None)))
            .ToArray();
        // Hold the refresh open until every caller has read the about-to-expire link (20 reads,
        // plus the refresh's own re-read), so that all 20 really ask for a refresh at once.
        await WaitUntilAsync(() => _store.LinkReads >= 21 && _tokens.RefreshCalls > 0);
        _tokens.RefreshGate.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(Wait);

        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.All(results, r => Assert.Equal(AccessTokenResult.Valid("access-2"), r));
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal("access-2", link!.AccessToken);
        Assert.Equal("refresh-2", link.RefreshToken); // the rotated refresh token is kept
        Assert.Equal(_time.GetUtcNow().AddSeconds(3600), link.ExpiresAt);
        Assert.Equal(["refresh-1"], _tokens.RefreshTokensSeen);
    }

    [Fact]
    public async Task Invalid_grant_expires_the_link_deletes_tokens_and_notifies()
    {
        await LinkAsync(TimeSpan.FromMinutes(1));
        _tokens.OnRefresh = _ => TokenResult.Refused("invalid_grant", "the grant was revoked");
        _tokens.RefreshGate.SetResult();

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.Expired, result.Status);
        Assert.Null(result.AccessToken);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Expired, link!.State);
        Assert.Null(link.AccessToken);
        Assert.Null(link.RefreshToken);
        Assert.Contains("invalid_grant", link.Reason);
        var notification = Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
        Assert.Equal("The link between accounts has expired. To continue using My SmartHome with Assistant, choose Link again in your skills and sign in to My SmartHome.",
            notification.Message);

        Assert.Equal(LinkExpiredNotice.Kind, notification.Kind);
        Assert.Equal(Skill, notification.Skill);
        Assert.Equal("invalid_grant: the grant was revoked", link.Reason);
        Assert.Equal(_time.GetUtcNow(), link.ExpiredAt);

        // Later callers see the expired link without another refresh, and nobody is notified twice.
        var again = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);
        var forced = await CreateProvider().RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(AccessTokenStatus.Expired, again.Status);
        Assert.Equal(AccessTokenStatus.Expired, forced.Status);
        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_callers_rejected_with_the_same_token_share_exactly_one_refresh()
    {
        await LinkAsync(TimeSpan.FromHours(1)); // valid by our clock, but the vendor called it expired
        var provider = CreateProvider();

        var callers = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => provider.RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None)))
            .ToArray();
        await WaitUntilAsync(() => _tokens.RefreshCalls > 0);
        await Task.Delay(50); // let the other callers queue behind the refresh
        _tokens.RefreshGate.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(Wait);

        Assert.Equal(1, _tokens.RefreshCalls);
        Assert.All(results, r => Assert.Equal(AccessTokenResult.Valid("access-2"), r));
        Assert.Equal("refresh-2", (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_rejected_token_that_cannot_be_refreshed_is_not_handed_out_again()
    {
        await LinkAsync(TimeSpan.FromHours(1));
        _tokens.OnRefresh = _ => TokenResult.Unreachable("connection refused");
        _tokens.RefreshGate.SetResult();

        var result = await CreateProvider().RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.Unavailable, result.Status);
        Assert.Equal(LinkState.Linked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task An_invalid_access_token_expires_the_link_once_and_notifies_once()
    {
        await LinkAsync(TimeSpan.FromHours(1));
        var provider = CreateProvider();

        var results = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => Task.Run(() => provider.InvalidateAsync(User, Skill, "access-1", "refused", CancellationToken.None)))).WaitAsync(Wait);

        Assert.All(results, r => Assert.Equal(AccessTokenStatus.Expired, r.Status));
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Expired, link!.State);
        Assert.Null(link.AccessToken);
        Assert.Null(link.RefreshToken);
        Assert.Equal("refused", link.Reason);
        var notification = Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
        Assert.Equal(LinkExpiredNotice.Notification(TestNames.Default.Value), notification.Message);
        Assert.Equal(0, _tokens.RefreshCalls);
    }

    [Fact]
    public async Task An_invalid_token_that_was_already_replaced_does_not_expire_the_link()
    {
        await LinkAsync(TimeSpan.FromHours(1));

        var result = await CreateProvider().InvalidateAsync(User, Skill, "access-0", "refused", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenResult.Valid("access-1"), result);
        Assert.Equal(LinkState.Linked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task The_refresh_span_is_a_client_child_with_grant_type_outcome_and_the_oauth_error()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        await LinkAsync(TimeSpan.FromMinutes(1));
        _tokens.OnRefresh = _ => TokenResult.Refused("invalid_grant", "sign-in too old");
        _tokens.RefreshGate.SetResult();

        System.Diagnostics.ActivityTraceId traceId;
        using (var parent = AssistantCloudTelemetry.Source.StartActivity("utterance"))
        {
            traceId = parent!.TraceId;
            await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);
        }

        // Other tests run in parallel: only this trace's spans count.
        var parentSpan = Assert.Single(recorder.Stopped, a => a.OperationName == "utterance" && a.TraceId == traceId);
        var refresh = Assert.Single(recorder.Stopped, a => a.OperationName == "oauth refresh" && a.TraceId == traceId);
        Assert.Equal(parentSpan.SpanId, refresh.ParentSpanId);
        Assert.Equal(System.Diagnostics.ActivityKind.Client, refresh.Kind);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, refresh.Status);
        Assert.Equal("invalid_grant", refresh.GetTagItem("oauth.error"));
        Assert.Equal("refresh_token", refresh.GetTagItem("oauth.grant_type"));
        Assert.Equal("invalid_grant", refresh.GetTagItem("oauth.outcome"));
    }

    [Fact]
    public async Task A_caller_that_finds_the_refresh_done_starts_no_refresh_span()
    {
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);
        await LinkAsync(TimeSpan.FromHours(1));
        _tokens.RefreshGate.SetResult();
        var provider = CreateProvider();

        System.Diagnostics.ActivityTraceId traceId;
        using (var parent = AssistantCloudTelemetry.Source.StartActivity("utterance"))
        {
            traceId = parent!.TraceId;
            await provider.RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None).WaitAsync(Wait);
            await provider.RefreshRejectedAsync(User, Skill, "access-1", CancellationToken.None).WaitAsync(Wait); // already replaced
        }

        Assert.Equal(1, _tokens.RefreshCalls);
        var refresh = Assert.Single(recorder.Stopped, a => a.OperationName == "oauth refresh" && a.TraceId == traceId);
        Assert.Equal("refreshed", refresh.GetTagItem("oauth.outcome"));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Unset, refresh.Status);
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_leaves_a_still_valid_token_in_use()
    {
        await LinkAsync(TimeSpan.FromMinutes(2));
        _tokens.OnRefresh = _ => TokenResult.Unreachable("connection refused");
        _tokens.RefreshGate.SetResult();

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenResult.Valid("access-1"), result);
        Assert.Equal(LinkState.Linked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_with_an_expired_token_is_unavailable_not_expired()
    {
        await LinkAsync(TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(3));
        _tokens.OnRefresh = _ => TokenResult.Unreachable("connection refused");
        _tokens.RefreshGate.SetResult();

        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.Unavailable, result.Status);
        Assert.Equal(LinkState.Linked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task No_link_is_not_linked()
    {
        var result = await CreateProvider().GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(AccessTokenStatus.NotLinked, result.Status);
    }

    [Fact]
    public void Links_and_results_never_print_tokens()
    {
        var link = new AccountLink(User, Skill, LinkState.Linked, "access-secret", "refresh-secret", null, null, _time.GetUtcNow());

        Assert.DoesNotContain("secret", link.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", AccessTokenResult.Valid("access-secret").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", TokenResult.Success("access-secret", "refresh-secret", 60).ToString(), StringComparison.Ordinal);
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
