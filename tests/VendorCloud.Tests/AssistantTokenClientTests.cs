using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.AssistantEvents;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The skill's client at the assistant's token service (Login with Amazon's role), over HTTP on loopback.</summary>
public sealed class AssistantTokenClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Authorization, IReadOnlyDictionary<string, string> Form)> _requests = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private WebApplication _tokenService = null!;
    private AssistantTokenClient _client = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _tokenService = LoopbackHost.CreateBuilder().Build();
        _tokenService.MapPost("/auth/o2/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            _requests.Enqueue((context.Request.Headers.Authorization.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            context.Response.Headers.CacheControl = "no-store";
            return form["code"] == "good-code" || form["refresh_token"] == "Atzr|good"
                ? Results.Json(new { access_token = "Atza|new", refresh_token = "Atzr|new", token_type = "bearer", expires_in = 3600 })
                : Results.Json(new { error = "invalid_grant", error_description = "unknown code" }, statusCode: 400);
        });
        var address = await LoopbackHost.StartAsync(_tokenService);
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _client = new AssistantTokenClient(_services.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(
            new AssistantEventsOptions
            {
                TokenUrl = new Uri(address, "/auth/o2/token"),
                EventGatewayUrl = new Uri(address, "/v3/events"),
                ClientId = "smarthome-skill",
                ClientSecret = "skill-secret",
            }), _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _tokenService.StopAsync();
        await _tokenService.DisposeAsync();
    }

    [Fact]
    public async Task A_grant_code_is_exchanged_with_the_skills_client_credentials()
    {
        var result = await _client.ExchangeCodeAsync("good-code", CancellationToken.None);

        Assert.Equal(new AssistantTokens("Atza|new", "Atzr|new", _time.GetUtcNow().AddHours(1)), result.Tokens);
        var (authorization, form) = Assert.Single(_requests);
        Assert.Equal("Basic " + Convert.ToBase64String("smarthome-skill:skill-secret"u8.ToArray()), authorization);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("good-code", form["code"]);
        Assert.False(form.ContainsKey("client_secret"));
    }

    [Fact]
    public async Task A_refresh_sends_the_refresh_token_and_invalid_grant_comes_back_as_such()
    {
        Assert.Equal("Atza|new", (await _client.RefreshAsync("Atzr|good", CancellationToken.None)).Tokens?.AccessToken);

        var refused = await _client.RefreshAsync("Atzr|rotated-out", CancellationToken.None);
        Assert.True(refused.IsInvalidGrant);
        Assert.Null(refused.Tokens);
        Assert.Equal(["refresh_token", "refresh_token"], _requests.Select(r => r.Form["grant_type"]));
    }

    [Fact]
    public async Task A_token_service_that_is_not_there_is_unreachable_not_refused()
    {
        var client = new AssistantTokenClient(_services.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(
            new AssistantEventsOptions
            {
                TokenUrl = new Uri(LoopbackHost.ClosedAddress(), "/auth/o2/token"),
                EventGatewayUrl = new Uri("http://127.0.0.1:1/v3/events"),
                ClientId = "smarthome-skill",
                ClientSecret = "skill-secret",
            }), _time);

        var result = await client.ExchangeCodeAsync("good-code", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.NotNull(result.Problem);
    }
}
