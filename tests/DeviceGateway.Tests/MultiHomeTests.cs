using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults.Worlds;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>One gateway process, several homes: each home's faults, devices and uplink stay its own.</summary>
public sealed class MultiHomeTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly World ThreeHomes = TestHomes.Fleet(3);
    private readonly BrokerTestRig _rig = new(ThreeHomes, ["home-1/plug-1", "home-2/plug-1", "home-3/plug-1"]);

    public Task InitializeAsync() => _rig.StartAsync();

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Band_off_in_one_home_drops_only_that_homes_devices()
    {
        var (home1, _) = await _rig.ConnectAsync(DeviceOptions("home-1"));
        var (home2, _) = await _rig.ConnectAsync(DeviceOptions("home-2"));
        var home2Lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        home2.DisconnectedAsync += _ =>
        {
            home2Lost.TrySetResult();
            return Task.CompletedTask;
        };
        await BrokerTestRig.WaitUntilAsync(() => _rig.Homes.Find("home-2")!.Band.Links == 1 && _rig.Homes.Find("home-1")!.Band.Links == 1);

        _rig.Homes.Find("home-2")!.Band.SetOff();

        await home2Lost.Task.WaitAsync(Bound);
        Assert.True(home1.IsConnected);
        Assert.True(_rig.Homes.Find("home-1")!.Band.IsOn);
        Assert.Equal(1, _rig.Homes.Find("home-1")!.Band.Links);
        // And while home-2's band is off, a home-3 device still joins.
        var (home3, _) = await _rig.ConnectAsync(DeviceOptions("home-3"));
        Assert.True(home3.IsConnected);
    }

    [Fact]
    public async Task A_device_of_home_2_cannot_touch_home_1s_topics_but_keeps_its_own()
    {
        var (home2, _) = await _rig.ConnectAsync(DeviceOptions("home-2"));

        var foreignState = await home2.PublishAsync(Message(MqttTopics.DeviceState("home-1", "plug-1")));
        var foreignResponse = await home2.PublishAsync(Message(MqttTopics.GatewayResponses("home-1")));
        var ownState = await home2.PublishAsync(Message(MqttTopics.DeviceState("home-2", "plug-1")));
        var subscribe = await home2.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.DeviceSet("home-1", "plug-1"), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.DeviceSet("home-2", "plug-1"), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreignState.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreignResponse.ReasonCode);
        Assert.True(ownState.IsSuccess || ownState.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers);
        Assert.Equal(
            [MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS1],
            subscribe.Items.Select(item => item.ResultCode));
    }

    [Fact]
    public async Task A_device_cannot_join_under_another_homes_name()
    {
        var (client, _) = _rig.NewClient();

        var refused = await client.ConnectAsync(_rig.ClientOptions("home-1/plug-1", "home-1/plug-1", "home-2/plug-1-password").Build())
            .WaitAsync(Bound);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
    }

    [Fact]
    public async Task The_one_bridge_keeps_each_homes_device_table_from_that_homes_topics()
    {
        using var bridge = new MqttBridge(_rig.Options, _rig.Credentials, _rig.Homes, TimeProvider.System, NullLogger<MqttBridge>.Instance);
        await bridge.StartAsync(CancellationToken.None);
        await BrokerTestRig.WaitUntilAsync(() => bridge.IsSessionUp);
        var (home2, _) = await _rig.ConnectAsync(DeviceOptions("home-2"));

        await home2.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.DeviceAvailability("home-2", "plug-1")).WithPayload(MqttTopics.Online).WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await BrokerTestRig.WaitUntilAsync(() => _rig.Homes.Find("home-2")!.Devices.Find("plug-1")?.Online == true);
        Assert.Empty(_rig.Homes.Find("home-1")!.Devices.Snapshot());
        Assert.Empty(_rig.Homes.Find("home-3")!.Devices.Snapshot());
        await bridge.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Broadband_down_in_one_home_leaves_another_homes_uplink_up()
    {
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "secret", WanPort = 17311, MqttPort = 17312, UplinkUrl = new Uri("http://localhost:17311") };
        var homes = TestHomes.Create(options, world: ThreeHomes);
        var home1Uplink = new TaskCompletionSource();
        var inHome1Uplink = new TaskCompletionSource();
        var home1Aborted = false;
        var home1Context = ProxiedRequest("home-1", options.WanPort);
        home1Context.RequestAborted.Register(() => home1Aborted = true);
        var middleware = new WanPortMiddleware(async context =>
        {
            if (context.Request.Headers["X-Home-Id"] == "home-1")
            {
                // A live WebSocket stays in here for its whole life.
                inHome1Uplink.TrySetResult();
                await home1Uplink.Task;
            }
        }, options, homes);
        var running = middleware.InvokeAsync(home1Context);
        await inHome1Uplink.Task.WaitAsync(Bound);

        homes.Find("home-2")!.Broadband.SetDown();

        var home2 = ProxiedRequest("home-2", options.WanPort);
        await middleware.InvokeAsync(home2).WaitAsync(Bound);
        var home3 = ProxiedRequest("home-3", options.WanPort);
        await middleware.InvokeAsync(home3).WaitAsync(Bound);
        var unknown = ProxiedRequest("home-9", options.WanPort);
        await middleware.InvokeAsync(unknown).WaitAsync(Bound);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, home2.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, home3.Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Response.StatusCode);
        Assert.False(home1Aborted);
        Assert.Equal(1, homes.Find("home-1")!.Broadband.OpenConnections);

        homes.Find("home-1")!.Broadband.SetDown();
        Assert.True(home1Aborted);
        home1Uplink.SetResult();
        await running.WaitAsync(Bound);
    }

    [Fact]
    public async Task Each_home_says_hello_on_its_own_uplink_with_its_own_secret()
    {
        var hellos = new ConcurrentDictionary<string, (string Authorization, string Hello)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var vendor = builder.Build();
        vendor.UseWebSockets();
        vendor.Map("/uplink/v1", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            var read = await socket.ReceiveAsync(buffer, context.RequestAborted);
            hellos[context.Request.Headers["X-Home-Id"].ToString()] =
                (context.Request.Headers.Authorization.ToString(), Encoding.UTF8.GetString(buffer, 0, read.Count));
            // Keep the session open until the gateway goes.
            try
            {
                await socket.ReceiveAsync(buffer, context.RequestAborted);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        });
        await vendor.StartAsync();
        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "gateway-secret", WanPort = 1, MqttPort = 2, UplinkUrl = new Uri(vendor.Urls.First()) };
        var homes = TestHomes.Create(options, world: ThreeHomes);
        homes.Find("home-3")!.Band.SetOff();
        using var uplinks = new HomeUplinks(homes, new FakeMqttPublisher(), TimeProvider.System, NullLoggerFactory.Instance);

        await uplinks.StartAsync(CancellationToken.None);
        await BrokerTestRig.WaitUntilAsync(() => hellos.Count == 3 && homes.All.All(home => home.Uplink.Current.Connected));
        await uplinks.StopAsync(CancellationToken.None);

        foreach (var home in ThreeHomes.Homes)
        {
            var (authorization, hello) = hellos[home.Id];
            Assert.Equal($"Bearer {WorldSecrets.GatewaySecret(ThreeHomes, home.Id, "gateway-secret")}", authorization);
            var band = home.Id == "home-3" ? "off" : "on";
            Assert.Equal($$"""{"type":"hello","homeId":"{{home.Id}}","devices":[],"band24":"{{band}}","broadband":"up"}""", hello);
        }

        // The story's home keeps the parameter itself; the others have their own.
        Assert.Equal("Bearer gateway-secret", hellos["home-1"].Authorization);
        Assert.NotEqual(hellos["home-2"].Authorization, hellos["home-3"].Authorization);
    }

    private MqttClientOptionsBuilder DeviceOptions(string homeId) =>
        _rig.ClientOptions($"{homeId}/plug-1", $"{homeId}/plug-1", $"{homeId}/plug-1-password")
            .WithWillTopic(MqttTopics.DeviceAvailability(homeId, "plug-1"))
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain(true);

    private static MqttApplicationMessage Message(string topic) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload("{}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static DefaultHttpContext ProxiedRequest(string homeId, int wanPort)
    {
        var context = new DefaultHttpContext();
        var aborted = new CancellationTokenSource();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(new AbortFeature(aborted));
        context.Connection.LocalPort = wanPort;
        context.Request.Headers["X-Home-Id"] = homeId;
        context.Response.Body = new MemoryStream();
        var metadata = new EndpointMetadataCollection(new RouteModel(new RouteConfig { RouteId = "uplink" }, null, HttpTransformer.Empty));
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "uplink"));
        return context;
    }

    private sealed class AbortFeature(CancellationTokenSource aborted) : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; } = aborted.Token;

        public void Abort() => aborted.Cancel();
    }
}
