using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The return path's HTTP side on Kestrel (loopback) with the assistant's own pipeline, over a real redis-server
/// (the token service keeps hashes there) and a fake clock. Each test has its own person.
/// </summary>
public abstract class ReturnPathHttpTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected readonly string User = "user-" + Guid.NewGuid().ToString("N");

    protected FakeTimeProvider Time { get; } = new(ReturnPathTestData.Start);

    private protected InMemoryAssistantStore Store { get; } = new();

    private protected FakeVendorClient Vendor { get; } = new();

    private protected AssistantTestHost Host { get; private set; } = null!;

    protected RedisServerFixture Redis => redis;

    protected virtual EventGatewayOptions GatewayOptions => new() { SkillClientSecret = ReturnPathTestData.SkillSecret };

    public async Task InitializeAsync()
    {
        if (RedisServerFixture.ServerPath is null)
        {
            return;
        }

        Host = await AssistantTestHost.StartAsync(new() { Store = Store, Vendor = Vendor, Time = Time, Redis = redis.Redis, EventGateway = GatewayOptions });
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    private protected LwaTokenService Tokens => Host.Services.GetRequiredService<LwaTokenService>();

    /// <summary>The person linked, with the lamp discovered, and a fresh grant code for the skill.</summary>
    protected async Task<string> LinkedWithCodeAsync(string? user = null)
    {
        user ??= User;
        await Store.EnsureUserAsync(user, CancellationToken.None);
        await Store.SaveLinkAsync(new AccountLink(user, ReturnPathTestData.Skill, LinkState.Linked, "vendor-access", "vendor-refresh",
            Time.GetUtcNow().AddHours(1), "owner@example.com", Time.GetUtcNow()), CancellationToken.None);
        await Store.ReplaceEndpointsAsync(user, ReturnPathTestData.Skill, [ReturnPathTestData.Lamp], CancellationToken.None);
        return await Tokens.IssueGrantCodeAsync(user, ReturnPathTestData.Skill);
    }

    /// <summary>The skill's tokens for the person, through <c>POST /auth/o2/token</c>.</summary>
    protected async Task<(string Access, string Refresh)> LinkedWithTokensAsync(string? user = null)
    {
        var code = await LinkedWithCodeAsync(user);
        using var response = await Host.Http.PostAsync("/auth/o2/token", ReturnPathTestData.CodeGrant(code)).WaitAsync(Wait);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (body["access_token"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>());
    }

    protected async Task<HttpResponseMessage> PostEventAsync(string? bearer, JsonObject message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/events")
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Host.Http.SendAsync(request).WaitAsync(Wait);
    }

    /// <summary>The gateway's error code from its body (`payload.code`), after checking the body's shape.</summary>
    protected static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("System", body["header"]!["namespace"]!.GetValue<string>());
        Assert.True(Guid.TryParse(body["header"]!["messageId"]!.GetValue<string>(), out _));
        Assert.False(string.IsNullOrWhiteSpace(body["payload"]!["description"]!.GetValue<string>()));
        return body["payload"]!["code"]!.GetValue<string>();
    }

    protected async Task<JsonArray> DevicesAsync() =>
        (await Host.Http.GetFromJsonAsync<JsonArray>($"/api/users/{User}/devices").WaitAsync(Wait))!;
}
