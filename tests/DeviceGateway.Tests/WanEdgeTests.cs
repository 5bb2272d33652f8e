using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Wan;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SmartHome.DeviceGateway.Tests;

public class WanEdgeTests
{
    private const int ApiPort = 17310;
    private const int WanPort = 17311;
    private readonly FakeTimeProvider _time = new();
    private readonly WanEdge _edge;
    private readonly GatewayOptions _options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "secret", WanPort = WanPort, MqttPort = 17312, UplinkUrl = new Uri($"http://localhost:{WanPort}") };

    private readonly GatewayHomes _homes;

    public WanEdgeTests()
    {
        _homes = TestHomes.Create(_options, _time);
        _edge = _homes.Story.Broadband;
    }

    [Fact]
    public void Starts_up_and_switches_down_and_up_again()
    {
        Assert.True(_edge.IsUp);

        _time.Advance(TimeSpan.FromMinutes(1));
        _edge.SetDown();
        Assert.False(_edge.IsUp);
        Assert.Equal(_time.GetUtcNow(), _edge.Since);

        _edge.SetUp();
        Assert.True(_edge.IsUp);
    }

    [Fact]
    public void Going_down_cuts_every_open_connection_once()
    {
        var cut = new List<string>();
        using var first = _edge.Track(() => cut.Add("first"));
        var second = _edge.Track(() => cut.Add("second"));
        var closed = _edge.Track(() => cut.Add("closed"));
        closed.Dispose();
        Assert.Equal(2, _edge.OpenConnections);

        _edge.SetDown();
        _edge.SetDown();

        Assert.Equal(["first", "second"], cut.Order());
        Assert.Equal(0, _edge.OpenConnections);
        second.Dispose();
    }

    [Fact]
    public void Connection_tracked_while_down_is_cut_at_once()
    {
        _edge.SetDown();
        var cut = false;

        using var registration = _edge.Track(() => cut = true);

        Assert.True(cut);
    }

    [Fact]
    public async Task Wan_port_refuses_new_requests_with_503_while_down()
    {
        _edge.SetDown();
        var (context, reachedProxy) = await SendAsync(WanPort, proxyRoute: true);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.False(reachedProxy);
    }

    [Fact]
    public async Task Wan_port_proxies_while_up_and_tracks_the_connection()
    {
        var openWhileProxying = -1;
        var (context, reachedProxy) = await SendAsync(WanPort, proxyRoute: true, () => openWhileProxying = _edge.OpenConnections);

        Assert.True(reachedProxy);
        Assert.Equal(1, openWhileProxying);
        Assert.Equal(0, _edge.OpenConnections);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task Api_endpoints_do_not_answer_on_the_wan_port()
    {
        var (context, reached) = await SendAsync(WanPort, proxyRoute: false);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.False(reached);
    }

    [Fact]
    public async Task Proxy_does_not_answer_on_the_api_port()
    {
        var (context, reached) = await SendAsync(ApiPort, proxyRoute: true);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.False(reached);
    }

    [Fact]
    public async Task Api_endpoints_answer_on_the_api_port_even_while_broadband_is_down()
    {
        _edge.SetDown();
        var (_, reached) = await SendAsync(ApiPort, proxyRoute: false);

        Assert.True(reached);
    }

    private async Task<(HttpContext Context, bool ReachedNext)> SendAsync(int localPort, bool proxyRoute, Action? whileInNext = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = localPort;
        context.Response.Body = new MemoryStream();
        var metadata = proxyRoute
            ? new EndpointMetadataCollection(new RouteModel(new RouteConfig { RouteId = "uplink" }, null, HttpTransformer.Empty))
            : new EndpointMetadataCollection();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, proxyRoute ? "uplink" : "api"));

        var reached = false;
        var middleware = new WanPortMiddleware(_ =>
        {
            reached = true;
            whileInNext?.Invoke();
            return Task.CompletedTask;
        }, _options, _homes);
        await middleware.InvokeAsync(context).WaitAsync(TimeSpan.FromSeconds(5));
        return (context, reached);
    }
}
