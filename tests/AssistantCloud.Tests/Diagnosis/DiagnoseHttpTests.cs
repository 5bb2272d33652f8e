using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>
/// <c>GET /api/diagnose</c> through the real middleware and endpoint on Kestrel (loopback, a port the OS
/// picks), over in-memory storage and fake probes.
/// </summary>
public sealed class DiagnoseHttpTests : IAsyncLifetime
{
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorSupportClient _vendor = new();
    private readonly FakeHomeGatewayClient _gateway = new();
    private AssistantTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AssistantTestHost.StartAsync(new()
    {
        Store = _store,
        VendorSupport = _vendor,
        Gateway = _gateway,
        Time = new FakeTimeProvider(HealthyFacts.Now),
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task LinkedWithLampAsync()
    {
        await _store.EnsureUserAsync("owner", CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "a", "r", HealthyFacts.Now.AddHours(1), null, HealthyFacts.Now), CancellationToken.None);
        await _store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId, [HealthyFacts.Lamp], CancellationToken.None);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body, string? MediaType)> GetAsync(string query)
    {
        using var response = await _host.Http.GetAsync("/api/diagnose" + query);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("", "user", "device")]
    [InlineData("?user=owner", "device", null)]
    [InlineData("?device=bedroom%20lamp&user=%20", "user", null)]
    public async Task Without_user_or_device_it_is_a_400_problem(string query, string missing, string? alsoMissing)
    {
        var (status, body, mediaType) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.NotNull(body["errors"]![missing]);
        Assert.Equal(alsoMissing is not null, body["errors"]![alsoMissing ?? "-"] is not null);
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem()
    {
        var (status, body, mediaType) = await GetAsync("?user=nobody&device=bedroom%20lamp");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(404, (int?)body["status"]);
    }

    [Fact]
    public async Task The_answer_has_the_contracts_shape_with_the_eight_hops_in_order()
    {
        await LinkedWithLampAsync();
        await _store.RecordFailedCommandAsync("owner", "plug-1", new FailedCommand("4bf92f3577b34da6a3ce929d0e0e4736", HealthyFacts.Now.AddMinutes(-1),
            "turn on the bedroom lamp", UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", ChainHops.Plug), CancellationToken.None);
        _gateway.Answer = () => GatewayFacts.Answered(HealthyFacts.GatewayView.WithPlug(false) with { Band24 = "off" });

        var (status, body, _) = await GetAsync("?user=owner&device=bedroom%20lamp");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("owner", "bedroom lamp", "plug-1"), ((string?)body["user"], (string?)body["device"], (string?)body["endpointId"]));
        Assert.NotNull(body["checkedAt"]);
        Assert.True((long)body["elapsedMilliseconds"]! >= 0);
        Assert.False((bool)body["healthy"]!);
        Assert.Equal("band", (string?)body["firstFailingHop"]);
        Assert.Equal("The router's 2.4 GHz band is off, and the plug speaks 2.4 GHz only.", (string?)body["cause"]);
        Assert.Equal("Turn the 2.4 GHz band back on in the router's Wi-Fi settings.", (string?)body["fix"]);
        var hops = body["hops"]!.AsArray();
        Assert.Equal(ChainHops.InOrder, hops.Select(h => (string?)h!["hop"]));
        Assert.Equal(["ok", "ok", "ok", "ok", "ok", "failed", "failed", "unknown"], hops.Select(h => (string?)h!["status"]));
        Assert.All(hops, h => Assert.False(string.IsNullOrEmpty((string?)h!["detail"])));
        // cause and fix only on a failed hop
        Assert.All(hops, h => Assert.Equal((string?)h!["status"] == "failed", h.AsObject().ContainsKey("cause") && h.AsObject().ContainsKey("fix")));
        var last = body["lastFailedCommand"]!;
        Assert.Equal(("4bf92f3577b34da6a3ce929d0e0e4736", "turn on the bedroom lamp", "DeviceError", "ENDPOINT_UNREACHABLE", "plug"),
            ((string?)last["traceId"], (string?)last["text"], (string?)last["outcome"], (string?)last["errorType"], (string?)last["failedHop"]));
        Assert.NotNull(last["at"]);
    }

    [Fact]
    public async Task A_healthy_chain_has_null_cause_fix_and_last_failed_command()
    {
        await LinkedWithLampAsync();

        var (status, body, _) = await GetAsync("?user=owner&device=bedroom%20lamp");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)body["healthy"]!);
        foreach (var field in new[] { "firstFailingHop", "cause", "fix", "lastFailedCommand" })
        {
            Assert.True(body.AsObject().ContainsKey(field), field);
            Assert.Null(body[field]);
        }
    }

    [Fact]
    public async Task It_answers_during_an_assistant_outage_and_reports_it()
    {
        await LinkedWithLampAsync();
        await _host.Http.PostAsync("/sim/outage/on", null);

        var (status, body, _) = await GetAsync("?user=owner&device=bedroom%20lamp");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("assistant", (string?)body["firstFailingHop"]);
        Assert.Equal("The assistant's cloud is down.", (string?)body["cause"]);
        Assert.Equal("ok", (string?)body["hops"]![6]!["status"]); // the plug was still checked
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_still_a_200()
    {
        await LinkedWithLampAsync();
        _store.FailReads = new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.UnableToConnect,
            StackExchange.Redis.CommandFlags.None, "No connection is available");

        var (status, body, _) = await GetAsync("?user=owner&device=bedroom%20lamp");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("assistant", (string?)body["firstFailingHop"]);
    }
}
