using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Simulation;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Support;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The vendor's HTTP endpoints on Kestrel (loopback, a port the OS picks) over a
/// <see cref="TestWorld"/>, behind the fault middleware as in Program.cs: the wire contracts tested as a client sees them.
/// </summary>
internal sealed partial class VendorHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public TestWorld World { get; }

    public HttpClient Http { get; }

    private VendorHttpHost(TestWorld world, WebApplication app, Uri address)
    {
        World = world;
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <param name="world"></param>
    /// <param name="environmentName">Production unless said (Development shows what a developer's machine would).</param>
    /// <param name="settings">Configuration on top, e.g. throttling limits.</param>
    public static async Task<VendorHttpHost> StartAsync(TestWorld? world = null, string? environmentName = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        world ??= new TestWorld();
        var builder = LoopbackHost.CreateBuilder(environmentName);
        // The /sim switches are on, as the AppHost runs them (Development); a test may turn them off.
        builder.Configuration["Simulation:Enabled"] = "true";
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<IVendorDirectory>(world.Directory);
        builder.Services.AddSingleton<IOAuthStore>(world.Store);
        builder.Services.AddSingleton<TimeProvider>(world.Time);
        builder.Services.AddSingleton(Options.Create(world.Options));
        builder.Services.AddSingleton(world.Counters);
        builder.Services.AddSingleton(world.Server);
        builder.Services.AddSingleton(world.Accounts);
        builder.Services.AddSingleton(world.Grants);
        builder.Services.AddSingleton(world.LinkFaults);
        builder.Services.AddSingleton<SmartHome.VendorCloud.Simulation.LostRefreshAnswers>();
        builder.Services.AddSingleton(world.Skill);
        builder.Services.AddSingleton<SimulatedAccounts>();
        builder.Services.AddSingleton(world.Registry);
        builder.Services.AddSingleton<IDeviceShadowStore>(world.Shadows);
        builder.Services.AddSingleton(world.Reporter);
        builder.Services.AddSingleton<IAssistantGrantStore>(world.AssistantGrants);
        builder.Services.AddSingleton<UplinkFrameProcessor>();
        builder.Services.AddSingleton(world.Faults);
        builder.Services.AddSingleton(world.SharedFaults);
        builder.Services.AddSingleton(world.Replica);
        builder.Services.AddSingleton<IUplinkDirectory>(world.UplinkDirectory);
        builder.Services.AddSingleton<DeviceSupport>();
        builder.Services.AddProblemDetails();
        builder.Services.AddVendorThrottling(builder.Configuration);
        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseWebSockets();
        app.UseMiddleware<CloudFaultsMiddleware>();
        app.UseRateLimiter();
        app.MapGet("/health", () => "Healthy");
        app.MapOAuthApi();
        app.MapAccountApi();
        app.MapSimulationApi();
        app.MapSkillApi();
        app.MapUplinkApi();
        app.MapFaultsApi();
        app.MapSupportApi();
        return new VendorHttpHost(world, app, await LoopbackHost.StartAsync(app));
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public static (string, string)[] ClientCredentials =>
        [("client_id", TestWorld.ClientId), ("client_secret", TestWorld.ClientSecret)];

    /// <summary>The person's way through the sign-in form: a code for the owner, from the 302's Location.</summary>
    public async Task<string> SignInForCodeAsync(string email = TestWorld.OwnerEmail, string password = TestWorld.OwnerPassword)
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };
        var response = await noRedirect.PostAsync("/oauth/authorize", Form(
            ("response_type", "code"), ("client_id", TestWorld.ClientId), ("redirect_uri", TestWorld.RedirectUri), ("state", "xyz"),
            ("code_challenge", TestWorld.Challenge), ("code_challenge_method", "S256"), ("email", email), ("password", password)));
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return CodeParameter().Match(response.Headers.Location!.ToString()).Groups[1].Value;
    }

    public Task<HttpResponseMessage> TokenAsync(params (string, string)[] fields) => Http.PostAsync("/oauth/token", Form(fields));

    public Task<HttpResponseMessage> RedeemAsync(string code, string verifier = TestWorld.Verifier, string redirectUri = TestWorld.RedirectUri) =>
        TokenAsync([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("code_verifier", verifier), .. ClientCredentials]);

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync([("grant_type", "refresh_token"), ("refresh_token", refreshToken), .. ClientCredentials]);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("[?&]code=([^&]+)")]
    private static partial Regex CodeParameter();
}
