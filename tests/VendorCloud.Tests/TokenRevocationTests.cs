using System.Text.Json.Nodes;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Tests;

/// <summary>How an ended or expired link looks to the skill endpoint and to RFC 7009 revocation; the simulation's faults.</summary>
public sealed class TokenRevocationTests
{
    private readonly TestWorld _world = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private async Task<string?> ErrorTypeAsync(string accessToken) =>
        (string?)(await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", accessToken)))
            ["event"]!["payload"]!["type"];

    [Fact]
    public async Task Revoking_the_access_token_revokes_its_whole_grant()
    {
        var linked = await _world.LinkAsync();
        await _world.Server.RevokeAsync(_world.Client, linked.AccessToken, _ct);

        Assert.Equal(RevocationReasons.ClientRevoked, Assert.Single(_world.Store.Grants).RevokedReason);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Error?.Error);
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", await ErrorTypeAsync(linked.AccessToken));
    }

    [Fact]
    public async Task Revoking_a_rotated_out_refresh_token_revokes_the_grant()
    {
        var linked = await _world.LinkAsync();
        var current = (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Response!;

        await _world.Server.RevokeAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.True(Assert.Single(_world.Store.Grants).IsRevoked);
        Assert.Equal(AccessTokenStatus.Invalid, (await _world.Server.ValidateAccessTokenAsync(current.AccessToken, _ct)).Status);
    }

    [Fact]
    public async Task Another_clients_revocation_changes_nothing()
    {
        var linked = await _world.LinkAsync();
        var other = new Accounts.OAuthClient("other", SecretHasher.HashToken("x"), TestWorld.RedirectUri);

        await _world.Server.RevokeAsync(other, linked.RefreshToken, _ct);
        await _world.Server.RevokeAsync(other, linked.AccessToken, _ct);

        Assert.DoesNotContain(_world.Store.Grants, g => g.IsRevoked);
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);
    }

    [Fact]
    public async Task The_skill_answers_EXPIRED_for_an_expired_token_of_a_live_link_and_INVALID_once_the_link_is_dead()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", await ErrorTypeAsync(linked.AccessToken));

        _world.Time.Advance(TimeSpan.FromDays(366));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", await ErrorTypeAsync(linked.AccessToken));
        Assert.Empty(_world.Uplinks.Sent);
    }

    [Fact]
    public async Task The_skill_answers_INVALID_for_a_revoked_grants_unexpired_token()
    {
        var linked = await _world.LinkAsync();
        Assert.Equal(1, await _world.LinkFaults.RevokeGrantsAsync(TestWorld.OwnerEmail, _ct));

        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", await ErrorTypeAsync(linked.AccessToken));
        Assert.Equal(0, await _world.LinkFaults.RevokeGrantsAsync(TestWorld.OwnerEmail, _ct));
        var view = Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!);
        Assert.Equal(GrantView.Revoked, view.State);
        Assert.Equal(RevocationReasons.Simulated, view.RevokedReason);
    }

    [Fact]
    public async Task The_expire_access_tokens_fault_makes_current_tokens_EXPIRED_and_a_refresh_heals_it()
    {
        var linked = await _world.LinkAsync();
        var other = await _world.LinkAsync(TestWorld.OtherAccountId);

        Assert.Equal(1, await _world.LinkFaults.ExpireAccessTokensAsync(TestWorld.OwnerEmail, _ct));

        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", await ErrorTypeAsync(linked.AccessToken));
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(other.AccessToken, _ct)).Status);
        var refreshed = (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Response!;
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(refreshed.AccessToken, _ct)).Status);
        Assert.Equal("Response", (string?)(await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.PowerController", "TurnOn", refreshed.AccessToken)))["event"]!["header"]!["name"]);
    }

    [Fact]
    public async Task Faults_and_the_grant_view_for_an_unknown_account_are_null()
    {
        Assert.Null(await _world.Grants.ListGrantsAsync("nobody@example.com", _ct));
        Assert.Null(await _world.LinkFaults.ExpireAccessTokensAsync("nobody@example.com", _ct));
        Assert.Null(await _world.LinkFaults.RevokeGrantsAsync("nobody@example.com", _ct));
    }

    [Fact]
    public async Task The_grant_view_shows_state_and_history_but_no_token()
    {
        var linked = await _world.LinkAsync();
        var linkedAt = _world.Time.GetUtcNow();
        _world.Time.Advance(TimeSpan.FromHours(2));
        var refreshed = (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Response!;

        var view = Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!);

        Assert.Equal(GrantView.Active, view.State);
        Assert.Equal(TestWorld.ClientId, view.ClientId);
        Assert.Equal(linkedAt, view.CreatedAt);
        Assert.Equal(linkedAt, view.LastSignInAt);
        Assert.Equal(_world.Time.GetUtcNow(), view.LastUsedAt);
        Assert.Equal(1, view.RefreshCount);
        Assert.Null(view.RevokedReason);
        var json = System.Text.Json.JsonSerializer.Serialize(view, SkillJson);
        Assert.Equal(["grantId", "clientId", "state", "createdAt", "lastUsedAt", "lastSignInAt", "refreshCount"],
            JsonNode.Parse(json)!.AsObject().Select(p => p.Key));
        foreach (var secret in new[] { linked.AccessToken, linked.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretHasher.HashToken(secret), json, StringComparison.Ordinal);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions SkillJson = new(System.Text.Json.JsonSerializerDefaults.Web);
}
