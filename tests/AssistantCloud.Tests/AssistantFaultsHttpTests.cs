using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The assistant's outage switch through the real middleware and endpoints on Kestrel (loopback, a port the OS
/// picks), over in-memory storage and a fake vendor.
/// </summary>
public sealed class AssistantFaultsHttpTests : IAsyncLifetime
{
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();
    private AssistantTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AssistantTestHost.StartAsync(new() { Store = _store, Vendor = _vendor });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> SayAsync(string text) =>
        _host.Http.PostAsJsonAsync("/api/utterances", new { user = "owner", text });

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
        Assert.Equal("""{"outage":false,"eventGatewayDown":false}""", await _host.Http.GetStringAsync("/sim/faults"));
        Assert.Equal("""{"outage":true,"eventGatewayDown":false}""", await (await _host.Http.PostAsync("/sim/outage/on", null)).Content.ReadAsStringAsync());
        Assert.Equal("""{"outage":true,"eventGatewayDown":false}""", await _host.Http.GetStringAsync("/sim/faults"));
        Assert.Equal("""{"outage":false,"eventGatewayDown":false}""", await (await _host.Http.PostAsync("/sim/outage/off", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outage_answers_503_on_utterances_and_the_user_API_while_health_and_sim_keep_answering()
    {
        await _store.EnsureUserAsync("owner", CancellationToken.None);
        await _host.Http.PostAsync("/sim/outage/on", null);

        await AssertUnavailableAsync(await SayAsync("turn on the bedroom lamp"));
        await AssertUnavailableAsync(await _host.Http.GetAsync("/api/users/owner/skills"));
        await AssertUnavailableAsync(await _host.Http.PostAsync($"/api/users/owner/skills/{Skills.VendorSkillId}/link", null));
        await AssertUnavailableAsync(await _host.Http.GetAsync("/api/link/callback?code=c&state=s"));
        Assert.Empty(_vendor.Directives); // nothing reached the vendor
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/sim/faults")).StatusCode);

        await _host.Http.PostAsync("/sim/outage/off", null);
        var answer = await SayAsync("turn on the bedroom lamp");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("NotLinked", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["outcome"]);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/api/users/owner/skills")).StatusCode);
    }
}
