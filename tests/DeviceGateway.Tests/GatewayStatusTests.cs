using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartHome.DeviceGateway.Api;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;

namespace SmartHome.DeviceGateway.Tests;

/// <summary><c>GET /api/status</c>, the home's own view that the diagnosis reads during every fault.</summary>
public sealed class GatewayStatusTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly GatewayOptions _options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "gateway-secret", WanPort = 1, MqttPort = 2, UplinkUrl = new Uri("http://localhost:1") };
    private readonly UplinkConnectionTracker _uplink;
    private readonly WanEdge _edge;
    private readonly WifiBand _band;
    private readonly DeviceTable _devices;
    private readonly GatewayHomes _homes;
    private WebApplication? _app;
    private HttpClient? _http;

    public GatewayStatusTests()
    {
        _homes = TestHomes.Create(_options, _clock);
        _uplink = _homes.Story.Uplink;
        _edge = _homes.Story.Broadband;
        _band = _homes.Story.Band;
        _devices = _homes.Story.Devices;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(_options).AddSingleton(_homes);
        _app = builder.Build();
        _app.MapGatewayApi();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public void Every_device_says_since_when_its_availability_is_what_it_is()
    {
        _uplink.SetConnected(true);
        _devices.SetAvailability("plug-1", true);
        _devices.SetState("plug-1", new LightState("ON", 40));
        _clock.Advance(TimeSpan.FromMinutes(7));
        _devices.SetAvailability("plug-1", false);
        _devices.SetAvailability("plug-2", true);

        var status = GatewayApi.GetStatus(_homes.Story);

        Assert.Equal("home-1", status.HomeId);
        Assert.Equal(new UplinkStatusResponse(true, Start), status.Uplink);
        Assert.Equal("up", status.Broadband);
        Assert.Equal("on", status.Band24);
        Assert.Equal(
        [
            new DeviceStatusResponse("plug-1", false, new LightState("ON", 40), Start.AddMinutes(7)),
            new DeviceStatusResponse("plug-2", true, null, Start.AddMinutes(7)),
        ], status.Devices);
    }

    [Fact]
    public async Task Answers_with_the_contracts_fields_while_broadband_band_and_uplink_are_down()
    {
        _devices.SetAvailability("plug-1", true);
        _devices.SetState("plug-1", new LightState("OFF", 40));
        _uplink.SetConnected(true);
        using (var before = await _http!.GetAsync("/api/status"))
        {
            before.EnsureSuccessStatusCode();
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        // Every fault the status reports, at once: the switches as the dashboard throws them.
        using (var down = await _http.PostAsync("/sim/broadband/down", null))
        using (var off = await _http.PostAsync("/sim/wifi-band/off", null))
        {
            down.EnsureSuccessStatusCode();
            off.EnsureSuccessStatusCode();
        }

        _uplink.SetConnected(false);
        _clock.Advance(TimeSpan.FromSeconds(3));
        _devices.SetAvailability("plug-1", false);

        // How fast it answers is measured by scripts/diagnose-timing.sh, not asserted: time here is noisy.
        using var response = await _http.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("home-1", json.GetProperty("homeId").GetString());
        Assert.False(json.GetProperty("uplink").GetProperty("connected").GetBoolean());
        Assert.Equal(Start.AddSeconds(30), json.GetProperty("uplink").GetProperty("since").GetDateTimeOffset());
        Assert.Equal("down", json.GetProperty("broadband").GetString());
        Assert.Equal("off", json.GetProperty("band24").GetString());
        var device = Assert.Single(json.GetProperty("devices").EnumerateArray());
        Assert.Equal("plug-1", device.GetProperty("deviceId").GetString());
        Assert.False(device.GetProperty("online").GetBoolean());
        Assert.Equal("OFF", device.GetProperty("state").GetProperty("state").GetString());
        Assert.Equal(40, device.GetProperty("state").GetProperty("brightness").GetInt32());
        Assert.Equal(Start.AddSeconds(33), device.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task Answers_before_the_gateway_has_heard_of_anything()
    {
        var json = await _http!.GetFromJsonAsync<JsonElement>("/api/status");

        Assert.False(json.GetProperty("uplink").GetProperty("connected").GetBoolean());
        Assert.Equal(Start, json.GetProperty("uplink").GetProperty("since").GetDateTimeOffset());
        Assert.Equal("up", json.GetProperty("broadband").GetString());
        Assert.Equal("on", json.GetProperty("band24").GetString());
        Assert.Equal(0, json.GetProperty("devices").GetArrayLength());
    }
}
