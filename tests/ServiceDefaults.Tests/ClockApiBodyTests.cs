using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>
/// Every service's <c>/sim/world/clock/advance</c> (ServiceDefaults) answers malformed, absurd and oversize bodies
/// with a 4xx ProblemDetails, in Development too (where minimal APIs throw on bad requests), and never moves the
/// clock off the calendar. Bad input is refused before the world's Redis is asked, so none is needed here.
/// </summary>
public sealed class ClockApiBodyTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private readonly SimulationClock _clock = new();
    private IConnectionMultiplexer _unusedRedis = null!;

    public async Task InitializeAsync()
    {
        var builder = LoopbackHost.CreateBuilder("Development");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(_clock);
        builder.Services.AddSingleton(new WorldIdentity("test"));
        // Nothing listens there: a request that reached Redis would fail, not pass.
        _unusedRedis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { "127.0.0.1:1" },
            AbortOnConnectFail = false,
            ConnectTimeout = 100,
        });
        builder.Services.AddSingleton(_unusedRedis);
        builder.Services.AddSingleton<WorldStore>();
        builder.Services.AddSingleton<WorldCoordinator>();
        _app = builder.Build();
        _app.UseServiceDefaults();
        _app.MapWorldApi();
        _http = new HttpClient { BaseAddress = await LoopbackHost.StartAsync(_app) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _unusedRedis.DisposeAsync();
    }

    [Theory]
    [InlineData("/sim/world/clock/advance", "{\"days\":")]
    [InlineData("/sim/world/clock/advance", "{\"days\":\"a year\"}")]
    [InlineData("/sim/world/clock/advance", "{\"days\":1e300}")]
    [InlineData("/sim/world/clock/advance", "{\"days\":3000000}")]
    [InlineData("/sim/world/clock/advance", "{\"days\":-1}")]
    [InlineData("/sim/world/clock/advance", "{}")]
    public async Task A_bad_amount_is_400_ProblemDetails_and_the_clock_stays(string path, string body)
    {
        var response = await _http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, _clock.Offset);
    }

    [Fact]
    public async Task An_oversize_body_is_413_without_a_stack_trace()
    {
        var answer = await RawHttp.SendAsync(_http.BaseAddress!, "POST", "/sim/world/clock/advance",
            ["Content-Type: application/json", "Content-Length: 40000000"], Encoding.UTF8.GetBytes("{\"days\":"));

        Assert.Equal(413, answer.Status);
        Assert.DoesNotContain("   at ", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answer.Body, StringComparison.Ordinal);
    }
}
