using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The negative OAuth suite and revocation over HTTP: each mistake gets its RFC 6749 5.2 error, never a 500.</summary>
public sealed class TokenEndpointHttpTests : IAsyncLifetime
{
    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(error, (string?)body["error"]);
        Assert.False(string.IsNullOrEmpty((string?)body["error_description"]));
    }

    [Fact]
    public async Task The_sign_in_form_and_a_code_give_a_token_pair()
    {
        var response = await _host.RedeemAsync(await _host.SignInForCodeAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal(_host.World.Time.GetUtcNow(), _host.World.Directory.Accounts[TestWorld.OwnerAccountId].LastSignInAt);
    }

    [Fact]
    public async Task A_wrong_PKCE_verifier_is_invalid_grant() =>
        await AssertOAuthErrorAsync(await _host.RedeemAsync(await _host.SignInForCodeAsync(), verifier: new string('a', 43)),
            HttpStatusCode.BadRequest, "invalid_grant");

    [Fact]
    public async Task A_reused_code_is_invalid_grant()
    {
        var code = await _host.SignInForCodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await _host.RedeemAsync(code)).StatusCode);
        await AssertOAuthErrorAsync(await _host.RedeemAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task An_expired_code_is_invalid_grant()
    {
        var code = await _host.SignInForCodeAsync();
        _host.World.Time.Advance(TimeSpan.FromSeconds(61));
        await AssertOAuthErrorAsync(await _host.RedeemAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_redirect_uri_mismatch_is_invalid_grant() =>
        await AssertOAuthErrorAsync(await _host.RedeemAsync(await _host.SignInForCodeAsync(), redirectUri: "https://evil.example/cb"),
            HttpStatusCode.BadRequest, "invalid_grant");

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_401_in_the_body_or_by_Basic()
    {
        var code = await _host.SignInForCodeAsync();
        await AssertOAuthErrorAsync(await _host.TokenAsync(("grant_type", "authorization_code"), ("code", code),
                ("redirect_uri", TestWorld.RedirectUri), ("code_verifier", TestWorld.Verifier), ("client_id", TestWorld.ClientId),
                ("client_secret", "wrong")),
            HttpStatusCode.Unauthorized, "invalid_client");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = VendorHttpHost.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestWorld.RedirectUri),
                ("code_verifier", TestWorld.Verifier)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestWorld.ClientId}:wrong")));
        var basic = await _host.Http.SendAsync(request);
        await AssertOAuthErrorAsync(basic, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal("Basic", basic.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_unknown_grant_type_is_unsupported_grant_type() =>
        await AssertOAuthErrorAsync(await _host.TokenAsync([("grant_type", "password"), ("username", "x"), .. VendorHttpHost.ClientCredentials]),
            HttpStatusCode.BadRequest, "unsupported_grant_type");

    [Theory]
    [InlineData("authorization_code", "code")]
    [InlineData("authorization_code", "redirect_uri")]
    [InlineData("authorization_code", "code_verifier")]
    [InlineData("refresh_token", "refresh_token")]
    [InlineData("", "grant_type")]
    public async Task A_missing_parameter_is_invalid_request(string grantType, string missing)
    {
        (string, string)[] all =
        [
            ("grant_type", grantType), ("code", "some-code"), ("redirect_uri", TestWorld.RedirectUri), ("code_verifier", TestWorld.Verifier),
            ("refresh_token", "some-refresh-token"), .. VendorHttpHost.ClientCredentials,
        ];
        var fields = all.Where(f => f.Item1 != missing && (grantType != "refresh_token" || f.Item1 is "grant_type" or "refresh_token" or "client_id" or "client_secret"))
            .ToArray();

        await AssertOAuthErrorAsync(await _host.TokenAsync(fields), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_invalid_request()
    {
        await AssertOAuthErrorAsync(await _host.Http.PostAsJsonAsync("/oauth/token", new { grant_type = "refresh_token" }),
            HttpStatusCode.BadRequest, "invalid_request");
        // Garbage that still parses as a form carries no client credentials: invalid_client, not a 500.
        await AssertOAuthErrorAsync(await _host.Http.PostAsync("/oauth/token", new StringContent("%%%=&&", Encoding.UTF8,
            "application/x-www-form-urlencoded")), HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Revoke_answers_200_for_unknown_tokens_and_revokes_the_grant_of_a_known_one()
    {
        var tokens = JsonNode.Parse(await (await _host.RedeemAsync(await _host.SignInForCodeAsync())).Content.ReadAsStringAsync())!;

        var unknown = await _host.Http.PostAsync("/oauth/revoke", VendorHttpHost.Form([("token", "never-issued"), .. VendorHttpHost.ClientCredentials]));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.False(Assert.Single(_host.World.Store.Grants).IsRevoked);

        var known = await _host.Http.PostAsync("/oauth/revoke",
            VendorHttpHost.Form([("token", (string)tokens["access_token"]!), ("token_type_hint", "access_token"), .. VendorHttpHost.ClientCredentials]));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.True(Assert.Single(_host.World.Store.Grants).IsRevoked);
        await AssertOAuthErrorAsync(await _host.RefreshAsync((string)tokens["refresh_token"]!), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoke_requires_client_authentication_and_a_token()
    {
        await AssertOAuthErrorAsync(await _host.Http.PostAsync("/oauth/revoke", VendorHttpHost.Form(("token", "x"))),
            HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await _host.Http.PostAsync("/oauth/revoke",
                VendorHttpHost.Form(("token", "x"), ("client_id", TestWorld.ClientId), ("client_secret", "wrong"))),
            HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await _host.Http.PostAsync("/oauth/revoke", VendorHttpHost.Form(VendorHttpHost.ClientCredentials)),
            HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_failed_refresh_marks_its_request_span_Error_with_the_code_and_the_reason_and_no_token()
    {
        using var recorder = new ActivityRecorder("Microsoft.AspNetCore");
        var tokens = JsonNode.Parse(await (await _host.RedeemAsync(await _host.SignInForCodeAsync())).Content.ReadAsStringAsync())!;
        var refreshToken = (string)tokens["refresh_token"]!;
        _host.World.Time.Advance(TimeSpan.FromDays(367));

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = VendorHttpHost.Form([("grant_type", "refresh_token"), ("refresh_token", refreshToken), .. VendorHttpHost.ClientCredentials]),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await _host.Http.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        var span = Assert.Single(recorder.InTrace(traceId));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("invalid_grant", span.GetTagItem("oauth.error"));
        Assert.Equal("sign_in_age", span.GetTagItem("smarthome.link.reason"));
        Assert.Equal("refresh_token", span.GetTagItem("oauth.grant_type"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(refreshToken, StringComparison.Ordinal) == true);
    }
}
