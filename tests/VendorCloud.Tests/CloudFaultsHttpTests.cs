using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using SmartHome.VendorCloud.Faults;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The vendor cloud's outage and latency switches over HTTP, through the real middleware and endpoints on Kestrel.</summary>
public sealed class CloudFaultsHttpTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private Task<HttpResponseMessage> PostAsync(string path) => _host.Http.PostAsync(path, content: null);

    private Task<HttpResponseMessage> DirectiveAsync(string token) =>
        _host.Http.PostAsync("/alexa/v3/directives", new ByteArrayContent(DirectiveJson.Discover(token)));

    private Uri UplinkUri => new($"ws://{_host.Http.BaseAddress!.Authority}/uplink/v1");

    private async Task<ClientWebSocket> DialUplinkAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("X-Home-Id", TestWorld.HomeId);
        socket.Options.SetRequestHeader("Authorization", "Bearer gateway-secret");
        using var timeout = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(UplinkUri, timeout.Token);
        return socket;
    }

    private async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Faults_start_off_and_the_switches_answer_the_new_state()
    {
        Assert.Equal("""{"outage":false,"latencyMilliseconds":0}""", await _host.Http.GetStringAsync("/sim/faults"));

        var on = await PostAsync("/sim/outage/on");
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("""{"outage":true,"latencyMilliseconds":0}""", await on.Content.ReadAsStringAsync());

        var latency = await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 250 });
        Assert.Equal("""{"outage":true,"latencyMilliseconds":250}""", await latency.Content.ReadAsStringAsync());

        var off = await PostAsync("/sim/outage/off");
        Assert.Equal("""{"outage":false,"latencyMilliseconds":250}""", await off.Content.ReadAsStringAsync());

        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 0 });
        Assert.Equal("""{"outage":false,"latencyMilliseconds":0}""", await _host.Http.GetStringAsync("/sim/faults"));
    }

    [Fact]
    public async Task Outage_answers_503_with_Retry_After_on_the_skill_endpoint_and_OAuth_while_health_and_sim_keep_answering()
    {
        var linked = await _host.World.LinkAsync();
        await PostAsync("/sim/outage/on");

        var directive = await DirectiveAsync(linked.AccessToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, directive.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(CloudFaultsMiddleware.RetryAfterSeconds), directive.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", directive.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (int?)(await JsonAsync(directive))["status"]);

        var token = await _host.RefreshAsync(linked.RefreshToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.NotNull(token.Headers.RetryAfter);
        Assert.True(token.Headers.CacheControl?.NoStore);
        Assert.Equal("temporarily_unavailable", (string?)(await JsonAsync(token))["error"]);

        var authorize = await _host.Http.GetAsync($"/oauth/authorize?client_id={TestWorld.ClientId}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, authorize.StatusCode);
        var password = await _host.Http.PostAsJsonAsync("/account/password", new { email = TestWorld.OwnerEmail });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, password.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/sim/faults")).StatusCode);

        // The refused refresh consumed nothing: after the outage the same refresh token still works.
        await PostAsync("/sim/outage/off");
        Assert.Equal(HttpStatusCode.OK, (await DirectiveAsync(linked.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.RefreshAsync(linked.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Outage_closes_the_open_uplinks_and_refuses_new_ones_with_503_until_it_ends()
    {
        using var gateway = await DialUplinkAsync();
        await UntilAsync(() => _host.World.Registry.ConnectedHomes == 1);

        // The switch answers once the uplinks are closed, i.e. after the gateway's reply to the close frame.
        var switching = PostAsync("/sim/outage/on");

        // The gateway sees its uplink closed by the cloud, as when the cloud goes away, and answers the close.
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(Bound);
        var received = await gateway.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, gateway.CloseStatus);
        await gateway.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "gateway closing", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, (await switching.WaitAsync(Bound)).StatusCode);
        Assert.Equal(WebSocketState.Closed, gateway.State);
        Assert.Equal(0, _host.World.Registry.ConnectedHomes);

        // Dialling again is refused before any upgrade.
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        refused.Options.SetRequestHeader("X-Home-Id", TestWorld.HomeId);
        refused.Options.SetRequestHeader("Authorization", "Bearer gateway-secret");
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(UplinkUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        Assert.True(refused.HttpResponseHeaders?.ContainsKey("Retry-After"));

        await PostAsync("/sim/outage/off");
        using var back = await DialUplinkAsync();
        Assert.Equal(WebSocketState.Open, back.State);
        await UntilAsync(() => _host.World.Registry.ConnectedHomes == 1);
    }

    [Theory]
    [InlineData("""{"milliseconds":-1}""")]
    [InlineData("""{"milliseconds":30001}""")]
    [InlineData("""{"milliseconds":"slow"}""")]
    [InlineData("""{}""")]
    [InlineData("""not json""")]
    public async Task Bad_latency_is_400_ProblemDetails_and_changes_nothing(string body)
    {
        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 100 });

        var response = await _host.Http.PostAsync("/sim/latency", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(100, _host.World.Faults.LatencyMilliseconds);
    }

    [Fact]
    public async Task Latency_without_a_JSON_body_is_400()
    {
        var response = await _host.Http.PostAsync("/sim/latency", new StringContent("500"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _host.World.Faults.LatencyMilliseconds);
    }

    [Fact]
    public async Task Latency_delays_the_skill_endpoint_and_OAuth_by_the_clock_but_not_health_or_sim()
    {
        var linked = await _host.World.LinkAsync();
        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 1000 });

        var directive = DirectiveAsync(linked.AccessToken);
        var refresh = _host.RefreshAsync(linked.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/health").WaitAsync(Bound)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/sim/faults").WaitAsync(Bound)).StatusCode);

        // Without the clock moving, neither request is answered (a busy machine may take a while
        // to get them to the delay, so no exact schedule is asserted: only that time releases them).
        await Task.Delay(300);
        Assert.False(directive.IsCompleted);
        Assert.False(refresh.IsCompleted);

        using var bound = new CancellationTokenSource(Bound);
        while (!(directive.IsCompleted && refresh.IsCompleted) && !bound.IsCancellationRequested)
        {
            _host.World.Time.Advance(TimeSpan.FromMilliseconds(1000));
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, (await directive.WaitAsync(Bound)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await refresh.WaitAsync(Bound)).StatusCode);
    }

    [Fact]
    public async Task A_caller_that_gives_up_during_the_latency_ends_the_delay()
    {
        var linked = await _host.World.LinkAsync();
        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 30_000 });

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _host.Http.PostAsync("/alexa/v3/directives", new ByteArrayContent(DirectiveJson.Discover(linked.AccessToken)), giveUp.Token));

        // The abandoned request leaves nothing stuck: with the latency off the next one is answered at once.
        await _host.Http.PostAsJsonAsync("/sim/latency", new { milliseconds = 0 });
        Assert.Equal(HttpStatusCode.OK, (await DirectiveAsync(linked.AccessToken).WaitAsync(Bound)).StatusCode);
    }
}
