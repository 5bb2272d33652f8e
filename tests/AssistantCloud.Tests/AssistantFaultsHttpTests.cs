using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The assistant's outage switch through the real middleware and endpoints on Kestrel (loopback, a port the OS
/// picks), over in-memory storage and a fake vendor.
/// </summary>
public sealed class AssistantFaultsHttpTests : IAsyncLifetime
{
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<IAssistantStore>(_store);
        builder.Services.AddSingleton<IVendorClient>(_vendor);
        builder.Services.AddSingleton<ITokenClient>(new FakeTokenClient());
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)));
        builder.Services.AddSingleton(TestNames.Default);
        builder.Services.AddSingleton<LinkLocks>();
        builder.Services.AddSingleton<AccessTokenProvider>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<LinkCounts>();
        builder.Services.AddSingleton<AssistantMetrics>();
        builder.Services.AddTransient<DiscoveryService>();
        builder.Services.AddSingleton<IAuthorizationServerMetadataSource>(new FakeMetadataSource());
        builder.Services.AddTransient<LinkService>();
        builder.Services.AddTransient<UtteranceHandler>();
        builder.Services.AddSingleton<AssistantFaults>();
        var app = builder.Build();
        app.UseMiddleware<AssistantFaultsMiddleware>();
        app.MapGet("/health", () => "Healthy");
        app.MapUtteranceApi();
        app.MapUserApi();
        app.MapFaultsApi();
        (_app, _http) = (app, new HttpClient { BaseAddress = await LoopbackHost.StartAsync(app) });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> SayAsync(string text) =>
        _http.PostAsJsonAsync("/api/utterances", new { user = "owner", text });

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(AssistantFaultsMiddleware.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]);
    }

    [Fact]
    public async Task The_switch_answers_its_state()
    {
        Assert.Equal("""{"outage":false}""", await _http.GetStringAsync("/sim/faults"));
        Assert.Equal("""{"outage":true}""", await (await _http.PostAsync("/sim/outage/on", null)).Content.ReadAsStringAsync());
        Assert.Equal("""{"outage":true}""", await _http.GetStringAsync("/sim/faults"));
        Assert.Equal("""{"outage":false}""", await (await _http.PostAsync("/sim/outage/off", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outage_answers_503_on_utterances_and_the_user_API_while_health_and_sim_keep_answering()
    {
        await _store.EnsureUserAsync("owner", CancellationToken.None);
        await _http.PostAsync("/sim/outage/on", null);

        await AssertUnavailableAsync(await SayAsync("turn on the bedroom lamp"));
        await AssertUnavailableAsync(await _http.GetAsync("/api/users/owner/skills"));
        await AssertUnavailableAsync(await _http.PostAsync($"/api/users/owner/skills/{Skills.VendorSkillId}/link", null));
        await AssertUnavailableAsync(await _http.GetAsync("/api/link/callback?code=c&state=s"));
        Assert.Empty(_vendor.Directives); // nothing reached the vendor
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/sim/faults")).StatusCode);

        await _http.PostAsync("/sim/outage/off", null);
        var answer = await SayAsync("turn on the bedroom lamp");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("NotLinked", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["outcome"]);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/users/owner/skills")).StatusCode);
    }
}
