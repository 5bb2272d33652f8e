using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests.Probing;

/// <summary>
/// The assistant's person-facing API on Kestrel (loopback, a port the OS picks) with the pipeline of Program.cs
/// (error handling, body limits), over in-memory storage and a fake vendor that answers every directive.
/// The owner is linked and has the bedroom lamp, so fuzzed utterances reach the whole handler.
/// </summary>
internal sealed class UtteranceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Http { get; }

    private UtteranceHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public static async Task<UtteranceHost> StartAsync(string? environmentName = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAssistantStore();
        await store.EnsureUserAsync("owner", CancellationToken.None);
        await store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "access-1", "refresh-1",
            time.GetUtcNow().AddHours(1), "owner@example.com", time.GetUtcNow()), CancellationToken.None);
        await store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId,
            [new DiscoveredEndpoint("plug-1", "bedroom lamp", ["LIGHT"], ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController"],
                new Dictionary<string, string>())], CancellationToken.None);
        var vendor = new FakeVendorClient { Answer = d => AlexaAnswers.ErrorResponse(d, "ENDPOINT_UNREACHABLE") };

        var builder = LoopbackHost.CreateBuilder(environmentName);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<IAssistantStore>(store);
        builder.Services.AddSingleton<IVendorClient>(vendor);
        builder.Services.AddSingleton<ITokenClient>(new FakeTokenClient());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(TestNames.Default);
        builder.Services.AddSingleton<LinkLocks>();
        builder.Services.AddSingleton<AccessTokenProvider>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<LinkCounts>();
        builder.Services.AddSingleton<AssistantMetrics>();
        builder.Services.AddTransient<DiscoveryService>();
        builder.Services.AddSingleton<IAuthorizationServerMetadataSource>(new FakeMetadataSource());
        builder.Services.AddTransient<LinkService>();
        builder.Services.AddTransient<UtteranceHandler>();
        builder.Services.AddSingleton<AssistantFaults>();
        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseStatusCodePages();
        app.UseMiddleware<AssistantFaultsMiddleware>();
        app.MapUtteranceApi();
        app.MapUserApi();
        app.MapFaultsApi();
        return new UtteranceHost(app, await LoopbackHost.StartAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
