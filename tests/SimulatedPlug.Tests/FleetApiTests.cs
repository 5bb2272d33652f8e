using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.SimulatedPlug.Api;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>The plug's endpoints address one device by <c>?home=&amp;device=</c> (the story's by default); unknown ones are 404.</summary>
public sealed class FleetApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    // No broker here: the sessions never start, the switches and dimmers are what is tested.
    private readonly TestFleet _fleet = new(TestFleet.TwoLamps, "tcp://127.0.0.1:1");
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(_fleet.Devices);
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapPlugApi();
        _app.MapSimApi();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = Bound };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task Without_arguments_the_endpoints_address_the_story_device()
    {
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/state");

        Assert.Equal("home-1", state.GetProperty("homeId").GetString());
        Assert.Equal("plug-1", state.GetProperty("deviceId").GetString());
        Assert.Equal(10, state.GetProperty("minimumLevel").GetInt32());
    }

    [Fact]
    public async Task Each_device_is_addressed_by_home_and_device()
    {
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/state?home=home-1&device=lamp-2");
        Assert.Equal("lamp-2", state.GetProperty("deviceId").GetString());
        Assert.Equal(5, state.GetProperty("minimumLevel").GetInt32());

        var off = await _http.PostAsync("/sim/wifi/off?home=home-1&device=lamp-2", null);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal("off", (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wifi").GetString());
        Assert.False(_fleet["home-1", "lamp-2"].Radio.IsOn);
        Assert.All(_fleet.Devices.All.Where(d => d.Identity.DeviceId != "lamp-2"), d => Assert.True(d.Radio.IsOn));
        Assert.Equal("on", (await _http.GetFromJsonAsync<JsonElement>("/sim")).GetProperty("wifi").GetString());

        var pressed = await _http.PostAsync("/api/button?home=home-2&device=lamp-1", null);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.True(_fleet["home-2", "lamp-1"].Device.Current.IsOn);
        Assert.False(_fleet["home-1", "plug-1"].Device.Current.IsOn);

        await _http.PostAsync("/sim/unplug?home=home-2&device=lamp-1", null);
        Assert.False(_fleet["home-2", "lamp-1"].Device.IsPowered);
        Assert.True(_fleet["home-1", "plug-1"].Device.IsPowered);
        Assert.Equal("off", (await _http.GetFromJsonAsync<JsonElement>("/sim?home=home-2&device=lamp-1")).GetProperty("power").GetString());
    }

    [Theory]
    [InlineData("GET", "/sim?home=home-9", "Unknown home", "home-9")]
    [InlineData("POST", "/sim/wifi/off?home=home-9&device=plug-1", "Unknown home", "home-9")]
    [InlineData("GET", "/api/state?device=lamp-1", "Unknown device", "lamp-1")]
    [InlineData("POST", "/api/button?home=home-2&device=plug-1", "Unknown device", "plug-1")]
    [InlineData("POST", "/sim/unplug?home=home-1&device=toaster", "Unknown device", "toaster")]
    public async Task An_unknown_home_or_device_is_a_404_problem_naming_it(string method, string path, string title, string named)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains($"'{named}'", problem.GetProperty("detail").GetString());
        Assert.All(_fleet.Devices.All, d => Assert.True(d.Radio.IsOn && d.Device.IsPowered));
    }
}
