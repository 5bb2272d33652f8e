using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.AssistantCloud.EventGateway;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests;

/// <summary><c>POST /auth/o2/token</c>: Login with Amazon's grants, client authentication, rotation, hashes only.</summary>
public sealed class LwaTokenApiTests(RedisServerFixture redis) : ReturnPathHttpTests(redis)
{
    private async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> TokenAsync(HttpContent form,
        System.Net.Http.Headers.AuthenticationHeaderValue? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/o2/token") { Content = form };
        request.Headers.Authorization = basic;
        var response = await Host.Http.SendAsync(request).WaitAsync(Wait);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }

    private static string Error(JsonNode body) => body["error"]!.GetValue<string>();

    [RedisFact]
    public async Task A_grant_code_becomes_a_short_access_token_and_a_refresh_token_with_no_store()
    {
        var code = await LinkedWithCodeAsync();

        var (status, body, response) = await TokenAsync(ReturnPathTestData.CodeGrant(code));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Atza|", body["access_token"]!.GetValue<string>());
        Assert.StartsWith("Atzr|", body["refresh_token"]!.GetValue<string>());
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(EventGrantStates.Active, (await Host.Services.GetRequiredService<EventGrantStore>().GetGrantAsync(User, ReturnPathTestData.Skill))!.State);
    }

    [RedisFact]
    public async Task The_client_may_authenticate_with_Basic_instead_of_the_form()
    {
        var code = await LinkedWithCodeAsync();

        var (status, body, _) = await TokenAsync(ReturnPathTestData.Form(("grant_type", "authorization_code"), ("code", code)), ReturnPathTestData.Basic());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Atza|", body["access_token"]!.GetValue<string>());
    }

    [RedisFact]
    public async Task A_grant_code_is_good_for_one_exchange()
    {
        var code = await LinkedWithCodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ReturnPathTestData.CodeGrant(code))).Status);

        var (status, body, response) = await TokenAsync(ReturnPathTestData.CodeGrant(code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", Error(body));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [RedisFact]
    public async Task A_grant_code_expires_after_five_minutes_of_the_worlds_clock()
    {
        var code = await LinkedWithCodeAsync();
        Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var (status, body, _) = await TokenAsync(ReturnPathTestData.CodeGrant(code));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", Error(body));
        Assert.Contains("expired", body["error_description"]!.GetValue<string>());
    }

    [RedisFact]
    public async Task Client_authentication_errors_are_invalid_client_401_and_invalid_request()
    {
        var code = await LinkedWithCodeAsync();

        var wrongSecret = await TokenAsync(ReturnPathTestData.CodeGrant(code, secret: "wrong"));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, Error(wrongSecret.Body)));

        var none = await TokenAsync(ReturnPathTestData.Form(("grant_type", "authorization_code"), ("code", code)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (none.Status, Error(none.Body)));

        var wrongBasic = await TokenAsync(ReturnPathTestData.Form(("grant_type", "authorization_code"), ("code", code)), ReturnPathTestData.Basic(secret: "wrong"));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongBasic.Status, Error(wrongBasic.Body)));
        Assert.Contains("Basic", wrongBasic.Response.Headers.WwwAuthenticate.ToString());

        var both = await TokenAsync(ReturnPathTestData.CodeGrant(code), ReturnPathTestData.Basic());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (both.Status, Error(both.Body)));

        // None of these spent the code.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ReturnPathTestData.CodeGrant(code))).Status);
    }

    [RedisFact]
    public async Task Malformed_requests_get_invalid_request_or_unsupported_grant_type()
    {
        var client = new[] { ("client_id", ReturnPathTestData.SkillId), ("client_secret", ReturnPathTestData.SkillSecret) };

        var noGrant = await TokenAsync(ReturnPathTestData.Form(client));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (noGrant.Status, Error(noGrant.Body)));

        var password = await TokenAsync(ReturnPathTestData.Form([("grant_type", "password"), .. client]));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_grant_type"), (password.Status, Error(password.Body)));

        var noCode = await TokenAsync(ReturnPathTestData.Form([("grant_type", "authorization_code"), .. client]));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (noCode.Status, Error(noCode.Body)));

        var json = await TokenAsync(new StringContent("""{"grant_type":"authorization_code"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (json.Status, Error(json.Body)));
    }

    [RedisFact]
    public async Task Refreshing_rotates_the_refresh_token_and_the_old_one_is_refused()
    {
        var (_, refresh) = await LinkedWithTokensAsync();

        var first = await TokenAsync(ReturnPathTestData.RefreshGrant(refresh));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var rotated = first.Body["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(refresh, rotated);

        var reused = await TokenAsync(ReturnPathTestData.RefreshGrant(refresh));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (reused.Status, Error(reused.Body)));
        Assert.Contains("already used", reused.Body["error_description"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ReturnPathTestData.RefreshGrant(rotated))).Status);
    }

    [RedisFact]
    public async Task A_disabled_skill_or_a_revoked_grant_refreshes_no_more()
    {
        var (_, refresh) = await LinkedWithTokensAsync();
        await Tokens.EndGrantAsync(User, ReturnPathTestData.Skill, EventGrantStates.Disabled, "the person disabled the skill");

        var refused = await TokenAsync(ReturnPathTestData.RefreshGrant(refresh));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refused.Status, Error(refused.Body)));
        var facts = await Host.Services.GetRequiredService<EventGrantStore>().GetFactsAsync(User, ReturnPathTestData.Skill);
        Assert.Equal("invalid_grant", facts.LastRefusal?.Error);
    }

    [RedisFact]
    public async Task Only_hashes_of_codes_and_tokens_are_stored()
    {
        var code = await LinkedWithCodeAsync();
        var (_, body, _) = await TokenAsync(ReturnPathTestData.CodeGrant(code));
        var secrets = new[] { code, body["access_token"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>() };

        var server = Redis.Redis.GetServers().Single();
        var database = Redis.Redis.GetDatabase();
        var keys = server.Keys(pattern: "assistant:evgw:*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var value = await database.KeyTypeAsync(key) == RedisType.Hash
                ? string.Join("|", (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"))
                : (string?)await database.StringGetAsync(key);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, key.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, value ?? "", StringComparison.Ordinal);
                Assert.DoesNotContain(secret.Split('|')[^1], value ?? "", StringComparison.Ordinal);
            }
        }

        Assert.Contains(keys, k => k.ToString() == "assistant:evgw:access:" + TokenHashOf(secrets[1]));
    }

    private static string TokenHashOf(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Refresh tokens that expire (the parameter event-refresh-token-lifetime-days above 0).</summary>
public sealed class ExpiringRefreshTokenTests(RedisServerFixture redis) : ReturnPathHttpTests(redis)
{
    protected override EventGatewayOptions GatewayOptions => new() { SkillClientSecret = ReturnPathTestData.SkillSecret, RefreshTokenLifetimeDays = 1 };

    [RedisFact]
    public async Task A_refresh_token_past_its_lifetime_on_the_worlds_clock_gets_invalid_grant()
    {
        var (_, refresh) = await LinkedWithTokensAsync();
        Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        using var response = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.RefreshGrant(refresh)).WaitAsync(Wait);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Contains("expired", body["error_description"]!.GetValue<string>());
    }
}
