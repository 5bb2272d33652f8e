using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>The fakes an <see cref="AssistantTestHost"/> runs over; each test sets the ones it looks at.</summary>
internal sealed record AssistantTestHostOptions
{
    public InMemoryAssistantStore Store { get; init; } = new();

    public IVendorClient Vendor { get; init; } = new FakeVendorClient();

    public IVendorSupportClient VendorSupport { get; init; } = new FakeVendorSupportClient();

    public IHomeGatewayClient Gateway { get; init; } = new FakeHomeGatewayClient();

    public TimeProvider Time { get; init; } = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    /// <summary>When set, the return path runs over it: the token service, the event gateway, the known states.</summary>
    public StackExchange.Redis.IConnectionMultiplexer? Redis { get; init; }

    public EventGatewayOptions EventGateway { get; init; } = new() { SkillClientSecret = ReturnPathTestData.SkillSecret };

    /// <summary>The person API's development switch: on by default, so these tests call it without a session.</summary>
    public bool PersonApiWithoutSession { get; init; } = true;

    /// <summary>The app passwords' seed (the story person's): every person's is derived from it.</summary>
    public string AppPasswordSeed { get; init; } = "owner-app-password-for-tests";

    /// <summary>Development, as the simulation runs: the guard lets /sim through.</summary>
    public string EnvironmentName { get; init; } = "Development";
}

/// <summary>
/// The assistant's HTTP API on Kestrel (loopback, a port the OS picks) with the pipeline of Program.cs (error
/// handling, simulation guard, status code pages, fault switch, health), over in-memory storage and fakes.
/// </summary>
internal sealed class AssistantTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Http { get; }

    private AssistantTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public static async Task<AssistantTestHost> StartAsync(AssistantTestHostOptions? options = null)
    {
        options ??= new AssistantTestHostOptions();
        var builder = LoopbackHost.CreateBuilder(options.EnvironmentName);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<IAssistantStore>(options.Store);
        builder.Services.AddSingleton(options.Vendor);
        builder.Services.AddSingleton(options.VendorSupport);
        builder.Services.AddSingleton(options.Gateway);
        builder.Services.AddSingleton<ITokenClient>(new FakeTokenClient());
        builder.Services.AddSingleton(options.Time);
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
        builder.Services.AddSingleton<Simulation.TokenUses>();
        builder.Services.AddSingleton(SmartHome.AssistantCloud.Replicas.AssistantReplica.ForThisProcess());
        builder.Services.AddSingleton<AssistantFaults>();
        builder.Services.AddSingleton<SharedAssistantFaults>();
        builder.Services.AddSingleton(new WorldSource(World.Default));
        builder.Services.AddSingleton<PersonHomes>();
        builder.Services.AddTransient<DiagnosisService>();
        // The person's app and sessions; most tests call the person's API without one (the development switch).
        builder.Configuration["PersonApi:AllowWithoutSession"] = options.PersonApiWithoutSession ? "true" : "false";
        // As the AppHost gives them: the story person's own password is also the seed of everyone else's.
        builder.Configuration["PersonApp:Passwords:owner"] = options.AppPasswordSeed;
        builder.Configuration["PersonApp:PasswordSeed"] = options.AppPasswordSeed;
        builder.Services.AddPersonApp(builder.Configuration);
        if (options.Redis is { } redis)
        {
            builder.Services.AddSingleton(redis);
            builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options.EventGateway));
            builder.Services.AddSingleton<EventGrantStore>();
            builder.Services.AddSingleton<LwaTokenService>();
            builder.Services.AddSingleton<AcceptGrantSender>();
            builder.Services.AddSingleton<IEndpointStateStore, RedisEndpointStateStore>();
            builder.Services.AddSingleton<AlexaEventValidator>();
            builder.Services.AddSingleton<EventThrottle>();
            builder.Services.AddSingleton<DeferredResponses>();
            builder.Services.AddTransient<EventGatewayHandler>();
        }

        var app = builder.Build();
        // The service's own pipeline, so the tests exercise what runs.
        app.UseAssistantCloud();
        return new AssistantTestHost(app, await LoopbackHost.StartAsync(app));
    }

    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
