using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Conformance;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Replicas;
using SmartHome.AssistantCloud.Seeding;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud;

public static class AssistantCloudServices
{
    /// <summary>Registers the assistant's services, clients, seeding and its health check.</summary>
    public static IHostApplicationBuilder AddAssistantCloud(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddValidatedOptions<AssistantOptions>(configuration, AssistantOptions.SectionName);
        // The skill (README, "Point the assistant at your own skill"): its endpoint, authorization server, the
        // assistant's client there. Skill:ClientId/ClientSecret/Scope, when given, win over Linking:*.
        services.AddValidatedOptions<LinkingOptions>(configuration, LinkingOptions.SectionName)
            .Configure(linking => SkillClient.Apply(configuration.GetSection(SkillOptions.SectionName), linking));
        services.AddValidatedOptions<SkillOptions, SkillOptionsValidator>(configuration, SkillOptions.SectionName);
        services.AddWorldReloading(configuration);
        services.AddSingleton<PersonRooms>();
        services.AddValidatedOptions<WorldOptions>(configuration, WorldOptions.SectionName);
        services.AddValidatedOptions<DiagnosisOptions>(configuration, DiagnosisOptions.SectionName);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();

        services.AddSingleton<IAssistantStore, RedisAssistantStore>();
        services.AddSingleton(AssistantReplica.ForThisProcess());
        services.AddSingleton<AssistantFaults>();
        // The switches are the world's: any replica's /sim call switches every replica's copy.
        services.AddSingleton<SharedAssistantFaults>();
        services.AddHostedService<SharedAssistantFaultsService>();

        // Directives: Alexa's 8 s budget, no retry (AdjustBrightness is not idempotent).
        services.AddHttpClient<IVendorClient, VendorClient>((provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<SkillOptions>>().Value.Endpoint;
            http.Timeout = VendorClient.Budget;
        });
        // The token endpoint must answer within 4.5 s (Alexa's account-linking rule).
        services.AddHttpClient(OAuthTokenClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5));
        // The seeding's "browser": the redirect after sign-in is the answer, not something to follow.
        services.AddHttpClient(BrowserLinker.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        // The diagnosis' probes: one attempt each within its budget (no retry handler: ServiceDefaults adds
        // only service discovery to every client); the HttpClient timeout is a backstop to the clients' own.
        services.AddHttpClient<IVendorSupportClient, VendorSupportClient>((provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<SkillOptions>>().Value.SupportApi;
            http.Timeout = Timeouts.Vendor;
        });
        services.AddHttpClient<IHomeGatewayClient, HomeGatewayClient>(http => http.Timeout = Timeouts.Gateway);
        services.AddSingleton<PersonHomes>();
        services.AddTransient<DiagnosisService>();

        // The vendor's RFC 8414 metadata: where its authorization, token and revocation endpoints are.
        services.AddHttpClient(VendorMetadataClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<IAuthorizationServerMetadataSource, VendorMetadataClient>();
        services.AddSingleton<ITokenClient, OAuthTokenClient>();
        services.AddSingleton<LinkLocks>();
        // The world's gate of a refresh: a lease in Redis, so that replicas refresh a link once between them.
        services.AddSingleton<IRefreshLeases, RedisRefreshLeases>();
        services.AddSingleton<AccessTokenProvider>();
        services.AddTransient<DiscoveryService>();
        services.AddTransient<LinkService>();
        services.AddTransient<BrowserLinker>();
        services.AddTransient<UtteranceHandler>();
        services.AddSingleton<Simulation.TokenUses>();

        // The return path: the token service (Login with Amazon's role), AcceptGrant, the event gateway and the
        // last known state of every endpoint.
        services.AddValidatedOptions<EventGatewayOptions>(configuration, EventGatewayOptions.SectionName);
        services.AddSingleton<EventGrantStore>();
        services.AddSingleton<LwaTokenService>();
        services.AddSingleton<AcceptGrantSender>();
        // Links without a working event grant (made before the return path, or AcceptGrant unanswered) get one.
        services.AddSingleton<EventGrantBackfill>();
        services.AddHostedService<EventGrantBackfillService>();
        services.AddSingleton<IEndpointStateStore, RedisEndpointStateStore>();
        services.AddSingleton<AlexaEventValidator>();
        services.AddSingleton<EventThrottle>();
        services.AddSingleton<DeferredResponses>();
        // A deferred directive's Response may arrive at another replica's event gateway: relayed through Redis.
        services.AddHostedService<DeferredResponsesRelay>();
        services.AddTransient<EventGatewayHandler>();

        // The skill conformance check: its own client (no redirects followed: the redirect back is the answer).
        services.AddHttpClient(SkillConformanceCheck.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<SkillMessageSchema>();
        services.AddTransient<SkillConformanceCheck>();

        services.AddSingleton<LinkCounts>();
        services.AddSingleton<AssistantMetrics>();
        services.AddHostedService<LinkIndexService>();

        // The person's app and the sessions the person's API requires.
        services.AddPersonApp(configuration);
        services.AddSharedDataProtection();

        services.AddSingleton<SeedStatus>();
        services.AddHealthChecks().AddCheck<SeedStatus>("seed");
        services.AddSingleton<SeedingLeases>();
        services.AddSingleton<AssistantWorldSeeder>();
        services.AddHostedService(provider => provider.GetRequiredService<AssistantWorldSeeder>());
        services.AddSingleton<IWorldResetPart, AssistantWorldReset>();
        return builder;
    }
}
