using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The password change and the /sim switches over HTTP, with their exact JSON shapes.</summary>
public sealed class SimulationHttpTests : IAsyncLifetime
{
    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<JsonNode> LinkAsync() => await JsonAsync(await _host.RedeemAsync(await _host.SignInForCodeAsync()));

    private async Task<JsonNode> DirectiveAsync(byte[] directive) =>
        await JsonAsync(await _host.Http.PostAsync("/alexa/v3/directives", new ByteArrayContent(directive)));

    [Fact]
    public async Task Password_change_wrong_current_password_is_400_invalid_credentials_and_revokes_nothing()
    {
        await LinkAsync();
        var response = await _host.Http.PostAsJsonAsync("/account/password",
            new { email = TestWorld.OwnerEmail, currentPassword = "wrong", newPassword = "new password 1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_credentials", (string?)(await JsonAsync(response))["error"]);
        Assert.False(Assert.Single(_host.World.Store.Grants).IsRevoked);
    }

    [Fact]
    public async Task Password_change_by_JSON_or_form_revokes_every_grant_and_answers_the_count()
    {
        await LinkAsync();
        await LinkAsync();

        var json = await _host.Http.PostAsJsonAsync("/account/password",
            new { email = TestWorld.OwnerEmail, currentPassword = TestWorld.OwnerPassword, newPassword = "new password 1" });
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("""{"revokedGrants":2}""", await json.Content.ReadAsStringAsync());
        Assert.All(_host.World.Store.Grants, g => Assert.Equal("password_changed", g.RevokedReason));

        var form = await _host.Http.PostAsync("/account/password", VendorHttpHost.Form(
            ("email", TestWorld.OwnerEmail), ("currentPassword", "new password 1"), ("newPassword", "new password 2")));
        Assert.Equal("""{"revokedGrants":0}""", await form.Content.ReadAsStringAsync());

        var missing = await _host.Http.PostAsJsonAsync("/account/password", new { email = TestWorld.OwnerEmail });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("invalid_request", (string?)(await JsonAsync(missing))["error"]);
    }

    [Fact]
    public async Task The_maker_s_app_sign_in_records_an_interactive_sign_in_and_refuses_a_wrong_password()
    {
        _host.World.Time.Advance(TimeSpan.FromDays(3));

        var signedIn = await _host.Http.PostAsJsonAsync("/account/sign-in", new { email = TestWorld.OwnerEmail, password = TestWorld.OwnerPassword });
        var wrong = await _host.Http.PostAsync("/account/sign-in", VendorHttpHost.Form(("email", TestWorld.OwnerEmail), ("password", "wrong")));
        var missing = await _host.Http.PostAsJsonAsync("/account/sign-in", new { email = TestWorld.OwnerEmail });

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(_host.World.Time.GetUtcNow(), _host.World.Directory.Accounts[TestWorld.OwnerAccountId].LastSignInAt);
        Assert.NotNull((await JsonAsync(signedIn))["signedInAt"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_credentials", (string?)(await JsonAsync(wrong))["error"]);
        Assert.Equal("invalid_request", (string?)(await JsonAsync(missing))["error"]);
    }

    [Fact]
    public async Task A_lost_refresh_answer_rotates_the_token_and_drops_the_connection_once()
    {
        var tokens = await LinkAsync();
        var refreshToken = (string)tokens["refresh_token"]!;

        Assert.Equal(HttpStatusCode.NoContent,
            (await _host.Http.PostAsync($"/sim/oauth/lose-refresh-answer?email={TestWorld.OwnerEmail}", null)).StatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _host.RefreshAsync(refreshToken));
        Assert.Equal(1, Assert.Single(_host.World.Store.Grants).RefreshCount);

        // The retry of the lost answer, within the leeway: a fresh pair, and the network delivers it this time.
        var retry = await _host.RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await _host.Http.PostAsync("/sim/oauth/lose-refresh-answer?email=nobody@example.com", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.PostAsync("/sim/oauth/lose-refresh-answer", null)).StatusCode);
    }

    [Fact]
    public async Task Armed_answers_no_refresh_took_are_disarmed_and_counted_and_the_next_refresh_is_answered()
    {
        var tokens = await LinkAsync();
        var lose = $"/sim/oauth/lose-refresh-answer?email={TestWorld.OwnerEmail}";
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.PostAsync(lose, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.PostAsync(lose, null)).StatusCode);

        var disarmed = await _host.Http.DeleteAsync(lose);
        Assert.Equal(HttpStatusCode.OK, disarmed.StatusCode);
        Assert.Equal(2, (int)(await JsonAsync(disarmed))["disarmed"]!);
        Assert.Equal(0, (int)(await JsonAsync(await _host.Http.DeleteAsync(lose)))["disarmed"]!);

        // Nothing is left armed: the refresh is answered.
        Assert.Equal(HttpStatusCode.OK, (await _host.RefreshAsync((string)tokens["refresh_token"]!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.DeleteAsync("/sim/oauth/lose-refresh-answer?email=nobody@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.DeleteAsync("/sim/oauth/lose-refresh-answer")).StatusCode);
    }

    [Fact]
    public async Task Grants_view_and_stats_count_token_requests_refreshes_failures_and_reuse_revocations()
    {
        var tokens = await LinkAsync();
        var first = (string)tokens["refresh_token"]!;
        var second = (string)(await JsonAsync(await _host.RefreshAsync(first)))["refresh_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _host.RefreshAsync(first)).StatusCode); // within the leeway
        _host.World.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.RefreshAsync(second)).StatusCode); // after it: revoked

        var stats = await _host.Http.GetStringAsync("/sim/oauth/stats");
        Assert.Equal("""{"tokenRequests":{"authorization_code":1,"refresh_token":3},"refreshFailures":1,"reuseRevocations":1}""", stats);

        var grants = (await JsonAsync(await _host.Http.GetAsync($"/sim/oauth/grants?email={TestWorld.OwnerEmail}"))).AsArray();
        var grant = Assert.Single(grants)!;
        Assert.StartsWith("grant-", (string?)grant["grantId"], StringComparison.Ordinal);
        Assert.Equal(TestWorld.ClientId, (string?)grant["clientId"]);
        Assert.Equal("revoked", (string?)grant["state"]);
        Assert.Equal(2, (int)grant["refreshCount"]!);
        Assert.Equal("refresh_token_reuse", (string?)grant["revokedReason"]);
        Assert.NotNull(grant["createdAt"]);
        Assert.NotNull(grant["lastUsedAt"]);
        Assert.NotNull(grant["lastSignInAt"]);
    }

    [Fact]
    public async Task Newest_grants_answer_many_accounts_in_one_request_in_the_order_asked()
    {
        await LinkAsync();
        var second = await LinkAsync();
        await _host.Http.PostAsync($"/sim/oauth/revoke-grants?email={TestWorld.OwnerEmail}", null);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.RefreshAsync((string)second["refresh_token"]!)).StatusCode);

        var response = await _host.Http.PostAsJsonAsync("/sim/oauth/newest-grants", new { emails = new[] { "nobody@example.com", TestWorld.OwnerEmail } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await JsonAsync(response)).AsArray();
        Assert.Equal(2, answers.Count);
        Assert.Equal("nobody@example.com", (string?)answers[0]!["email"]);
        Assert.False((bool)answers[0]!["known"]!);
        Assert.Null(answers[0]!["grant"]);
        Assert.Equal(TestWorld.OwnerEmail, (string?)answers[1]!["email"]);
        Assert.True((bool)answers[1]!["known"]!);
        // The newest of the owner's two grants, as GET /sim/oauth/grants shows it last.
        var listed = (await JsonAsync(await _host.Http.GetAsync($"/sim/oauth/grants?email={TestWorld.OwnerEmail}"))).AsArray();
        Assert.Equal((string?)listed[^1]!["grantId"], (string?)answers[1]!["grant"]!["grantId"]);
        Assert.Equal("revoked", (string?)answers[1]!["grant"]!["state"]);
        Assert.DoesNotContain("token", answers[1]!["grant"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"emails":[]}""")]
    [InlineData("""{"emails":[""]}""")]
    [InlineData("""{"emails":"owner@example.com"}""")]
    [InlineData("""not json""")]
    public async Task Newest_grants_refuse_a_body_without_addresses_as_invalid_request(string body)
    {
        var response = await _host.Http.PostAsync("/sim/oauth/newest-grants", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (string?)(await JsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Newest_grants_refuse_more_than_a_hundred_addresses()
    {
        var emails = Enumerable.Range(1, NewestGrantsLimit + 1).Select(i => $"p{i}@x.example").ToArray();

        var response = await _host.Http.PostAsJsonAsync("/sim/oauth/newest-grants", new { emails });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100", (string?)(await JsonAsync(response))["error_description"], StringComparison.Ordinal);
    }

    private const int NewestGrantsLimit = 100;

    [Fact]
    public async Task Faults_answer_the_affected_grants_and_unknown_accounts_404()
    {
        var tokens = await LinkAsync();

        var expire = await _host.Http.PostAsync($"/sim/oauth/expire-access-tokens?email={TestWorld.OwnerEmail}", null);
        Assert.Equal("""{"affectedGrants":1}""", await expire.Content.ReadAsStringAsync());
        var expired = await DirectiveAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", (string)tokens["access_token"]!));
        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", (string?)expired["event"]!["payload"]!["type"]);

        var revoke = await _host.Http.PostAsync($"/sim/oauth/revoke-grants?email={TestWorld.OwnerEmail}", null);
        Assert.Equal("""{"affectedGrants":1}""", await revoke.Content.ReadAsStringAsync());
        var invalid = await DirectiveAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", (string)tokens["access_token"]!));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", (string?)invalid["event"]!["payload"]!["type"]);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.PostAsync("/sim/oauth/revoke-grants?email=nobody@example.com", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync("/sim/oauth/grants?email=nobody@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.GetAsync("/sim/oauth/grants")).StatusCode);
    }

    [Fact]
    public async Task A_second_account_is_created_idempotently_and_its_lamp_is_invisible_to_the_first_accounts_token()
    {
        var body = new
        {
            email = "neighbour@example.com",
            password = "neighbour password",
            homeId = "home-2",
            gatewaySecret = "gateway-secret-2",
            deviceId = "plug-2",
            deviceName = "hall lamp",
        };
        var created = await _host.Http.PostAsJsonAsync("/sim/accounts", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (string?)(await JsonAsync(created))["accountId"];
        var again = await _host.Http.PostAsJsonAsync("/sim/accounts", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(accountId, (string?)(await JsonAsync(again))["accountId"]);
        // The owner's home, and so its lamp, is not up for grabs (a plug-1 in the neighbour's own home is another plug).
        var stolen = await _host.Http.PostAsJsonAsync("/sim/accounts",
            new { body.email, body.password, homeId = TestWorld.HomeId, body.gatewaySecret, deviceId = TestWorld.DeviceId, body.deviceName });
        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.PostAsJsonAsync("/sim/accounts", new { email = "x@example.com" })).StatusCode);

        var owner = (string)(await LinkAsync())["access_token"]!;
        foreach (var directive in new[]
        {
            DirectiveJson.Control("Alexa", "ReportState", owner, endpointId: "plug-2"),
            DirectiveJson.Control("Alexa.PowerController", "TurnOn", owner, endpointId: "plug-2"),
        })
        {
            Assert.Equal("NO_SUCH_ENDPOINT", (string?)(await DirectiveAsync(directive))["event"]!["payload"]!["type"]);
        }

        Assert.Empty(_host.World.Uplinks.Sent);
        var discovered = (await DirectiveAsync(DirectiveJson.Discover(owner)))["event"]!["payload"]!["endpoints"]!.AsArray();
        Assert.Equal([TestWorld.DeviceId], discovered.Select(e => (string?)e!["endpointId"]));

        var neighbourCode = await _host.SignInForCodeAsync("neighbour@example.com", "neighbour password");
        var neighbour = (string)(await JsonAsync(await _host.RedeemAsync(neighbourCode)))["access_token"]!;
        var theirs = (await DirectiveAsync(DirectiveJson.Discover(neighbour)))["event"]!["payload"]!["endpoints"]!.AsArray();
        var lamp = Assert.Single(theirs)!;
        Assert.Equal("plug-2", (string?)lamp["endpointId"]);
        Assert.Equal("hall lamp", (string?)lamp["friendlyName"]);
    }
}
