using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

/// <summary>
/// The diagnosis' two probes against a real Kestrel on loopback (a port the OS picks):
/// what each answer becomes as a fact, and that a server that hangs gives a timeout fact within the budget.
/// </summary>
public sealed class ProbeClientTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _base = null!;
    private readonly List<string?> _authorizations = [];

    /// <summary>What the fake vendor and gateway answer; set by each test.</summary>
    private Func<HttpContext, Task> _respond = context => context.Response.WriteAsync("{}");

    public async Task InitializeAsync()
    {
        var builder = LoopbackHost.CreateBuilder();
        var app = builder.Build();
        app.Run(context =>
        {
            lock (_authorizations)
            {
                _authorizations.Add(context.Request.Headers.Authorization.ToString());
            }

            return _respond(context);
        });
        (_app, _base) = (app, await LoopbackHost.StartAsync(app));
        // Warm the server and the HTTP stack up: a cold first request must not eat the probes' budgets.
        using var warmUp = new HttpClient { BaseAddress = _base };
        await warmUp.GetAsync("/warm-up");
        _authorizations.Clear();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Generous budgets where the test is not about the budget: a loaded test run must not turn answers into timeouts.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    private VendorSupportClient Vendor(Uri? address = null, TimeSpan? budget = null) => new(
        new HttpClient { BaseAddress = address ?? _base, Timeout = Timeout.InfiniteTimeSpan },
        Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "s3cret/+=" }),
        NullLogger<VendorSupportClient>.Instance)
    { Budget = budget ?? Generous };

    private HomeGatewayClient Gateway(string? address, TimeSpan? budget = null) => new(
        new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
        Options.Create(new DiagnosisOptions { GatewayUrl = address }),
        NullLogger<HomeGatewayClient>.Instance)
    { Budget = budget ?? Generous };

    private static Func<HttpContext, Task> Json(string json, int status = 200) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    };

    private static Func<HttpContext, Task> Hang(TimeSpan delay) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up, as it should
        }

        await context.Response.WriteAsync("{}");
    };

    /// <summary>The probe's facts from the first of five attempts that did not time out; the last timeout otherwise.</summary>
    private static async Task<VendorFacts> UntilNotTimedOut(Func<Task<VendorFacts>> probe)
    {
        VendorFacts facts = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            facts = await probe().WaitAsync(TimeSpan.FromSeconds(4));
            if (facts.Problem != "timeout")
            {
                break;
            }
        }

        return facts;
    }

    private const string SupportView = """
        {"deviceId":"plug-1","homeId":"home-1","name":"bedroom lamp",
         "grant":{"state":"revoked","reason":"password_changed","createdAt":"2026-11-20T10:00:00Z","lastUsedAt":"2026-11-26T11:00:00Z"},
         "uplink":{"connected":true,"since":"2026-11-26T11:00:00Z","lastFrameAt":"2026-11-26T11:59:58Z"},
         "device":{"online":false,"state":{"state":"ON","brightness":40},"reportedAt":"2026-11-26T11:59:00Z"}}
        """;

    [Fact]
    public async Task Vendor_answer_is_parsed_and_the_client_credentials_go_as_HTTP_Basic()
    {
        _respond = Json(SupportView);

        var facts = await Vendor().GetDeviceAsync("plug-1", CancellationToken.None);

        Assert.Equal(ProbeOutcome.Answered, facts.Outcome);
        Assert.Equal("revoked", facts.View!.Grant!.State);
        Assert.Equal("password_changed", facts.View.Grant.Reason);
        Assert.True(facts.View.Uplink!.Connected);
        Assert.False(facts.View.Device!.Online);
        Assert.Equal(new ReportedLightState("ON", 40), facts.View.Device.State);
        var header = Assert.Single(_authorizations);
        Assert.StartsWith("Basic ", header);
        // Form-encoded as at the token endpoint (RFC 6749 2.3.1).
        Assert.Equal("assistant:s3cret%2F%2B%3D", Encoding.UTF8.GetString(Convert.FromBase64String(header!["Basic ".Length..])));
    }

    [Fact]
    public async Task Vendor_404_is_an_unknown_device_not_a_failure()
    {
        _respond = Json("""{"error":"unknown_device"}""", 404);

        Assert.Equal(ProbeOutcome.NotFound, (await Vendor().GetDeviceAsync("plug-9", CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(500)]
    public async Task Vendor_error_status_is_a_failure_named_by_its_code(int status)
    {
        _respond = Json("{}", status);

        var facts = await Vendor().GetDeviceAsync("plug-1", CancellationToken.None);

        Assert.Equal(VendorFacts.Failed(status.ToString(System.Globalization.CultureInfo.InvariantCulture)), facts);
    }

    [Fact]
    public async Task Vendor_that_hangs_five_seconds_is_a_timeout_fact()
    {
        _respond = Hang(TimeSpan.FromSeconds(5));

        var facts = await Vendor(budget: Timeouts.Vendor).GetDeviceAsync("plug-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(VendorFacts.Failed("timeout"), facts);
    }

    [Fact]
    public async Task Vendor_that_cannot_be_connected_is_refused()
    {
        var facts = await Vendor(LoopbackHost.ClosedAddress()).GetDeviceAsync("plug-1", CancellationToken.None);

        Assert.Equal(VendorFacts.Failed("refused"), facts);
    }

    [Fact]
    public async Task Vendor_answer_that_is_not_the_view_is_a_failure()
    {
        _respond = Json("<html>proxy error</html>");

        var facts = await Vendor().GetDeviceAsync("plug-1", CancellationToken.None);

        Assert.Equal(ProbeOutcome.Failed, facts.Outcome);
    }

    [Fact]
    public async Task Gateway_status_is_parsed()
    {
        _respond = Json("""
            {"homeId":"home-1","uplink":{"connected":false,"since":"2026-11-26T11:00:00Z"},"broadband":"down","band24":"off",
             "devices":[{"deviceId":"plug-1","online":false,"state":{"state":"OFF","brightness":40},"since":"2026-11-26T11:30:00Z"}]}
            """);

        var facts = await Gateway(_base.ToString()).GetStatusAsync(null, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Answered, facts.Outcome);
        Assert.Equal("down", facts.View!.Broadband);
        Assert.Equal("off", facts.View.Band24);
        Assert.False(facts.View.Uplink!.Connected);
        var plug = Assert.Single(facts.View.Devices!);
        Assert.Equal(("plug-1", false, "OFF"), (plug.DeviceId, plug.Online, plug.State!.State));
        Assert.Equal(string.Empty, Assert.Single(_authorizations)); // the home LAN API takes no credentials
    }

    [Fact]
    public async Task Gateway_without_an_address_is_not_asked()
    {
        Assert.Equal(GatewayFacts.NotAsked(GatewayFacts.NotConfigured), await Gateway(null).GetStatusAsync(null, CancellationToken.None));
        Assert.Equal(GatewayFacts.NotAsked(GatewayFacts.NotConfigured), await Gateway("").GetStatusAsync(null, CancellationToken.None));
        Assert.Empty(_authorizations);
    }

    [Fact]
    public async Task Gateway_that_hangs_is_a_timeout_and_one_that_is_off_is_refused()
    {
        _respond = Hang(TimeSpan.FromSeconds(5));

        Assert.Equal(GatewayFacts.Failed("timeout"),
            await Gateway(_base.ToString(), Timeouts.Gateway).GetStatusAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(4)));
        Assert.Equal(GatewayFacts.Failed("refused"),
            await Gateway(LoopbackHost.ClosedAddress().ToString()).GetStatusAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Gateway_error_status_is_a_failure()
    {
        _respond = Json("{}", (int)HttpStatusCode.BadGateway);

        Assert.Equal(GatewayFacts.Failed("502"), await Gateway(_base.ToString()).GetStatusAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task The_registered_vendor_probe_makes_one_attempt_within_its_budget_through_service_discovery()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:vendorcloud:http:0"] = _base.ToString(),
            ["Linking:ClientId"] = "assistant",
            ["Linking:ClientSecret"] = "secret",
        });
        builder.AddServiceDefaults();
        builder.AddAssistantCloud();
        using var host = builder.Build();
        var vendor = host.Services.GetRequiredService<IVendorSupportClient>();

        // Service discovery finds the vendor. The budget is short (600 ms) and a test process's first second can
        // starve its thread pool, so an attempt that timed out before the server answered is tried again.
        _respond = Json(SupportView);
        Assert.Equal(ProbeOutcome.Answered, (await UntilNotTimedOut(() => vendor.GetDeviceAsync("plug-1", CancellationToken.None))).Outcome);

        // A 503 answered at once is what a standard resilience handler would retry (and its back-off would
        // turn into a timeout within the budget): the probe makes one attempt and reports the 503.
        _respond = context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        Assert.Equal(VendorFacts.Failed("503"), await UntilNotTimedOut(async () =>
        {
            lock (_authorizations)
            {
                _authorizations.Clear();
            }

            return await vendor.GetDeviceAsync("plug-1", CancellationToken.None);
        }));
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // a retry, if there were one, would arrive now
        lock (_authorizations)
        {
            Assert.Single(_authorizations);
        }

        // A vendor that hangs is a timeout fact within the budget (whether or not the request got there on a loaded machine).
        _respond = Hang(TimeSpan.FromSeconds(5));
        Assert.Equal(VendorFacts.Failed("timeout"), await vendor.GetDeviceAsync("plug-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(4)));
        Assert.Equal(GatewayFacts.NotAsked(GatewayFacts.NotConfigured),
            await host.Services.GetRequiredService<IHomeGatewayClient>().GetStatusAsync(null, CancellationToken.None));
    }
}
