using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Conformance;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Replicas;
using SmartHome.VendorCloud.Seeding;
using SmartHome.VendorCloud.Simulation;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Support;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud;

internal static class VendorCloudServices
{
    public static IHostApplicationBuilder AddVendorCloud(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorldReloading(builder.Configuration);
        services.AddValidatedOptions<WorldOptions>(builder.Configuration, WorldOptions.SectionName);
        // An unknown link policy is a start-up error: a link must not silently follow another rule than asked.
        services.AddValidatedOptions<OAuthOptions, OAuthOptionsValidator>(builder.Configuration, OAuthOptions.SectionName);

        services.AddVendorThrottling(builder.Configuration);
        if (SimulationGuard.IsEnabled(builder.Configuration, builder.Environment)
            && builder.Configuration.GetValue<int?>("Security:PasswordHashIterations") is { } iterations)
        {
            // A simulated world's cheaper password hashes (the link-policy study's); never outside a simulation.
            Security.SecretHasher.UsePasswordIterations(iterations);
        }

        // Real time, never the world's clock: how long a client read is kept (a world reset clears it).
        services.AddSingleton(_ => new RecentClients(TimeProvider.System));
        services.AddSingleton<IVendorDirectory, RedisVendorDirectory>();
        services.AddSingleton<RecentAccessTokens>();
        services.AddSingleton<IOAuthStore, RedisOAuthStore>();
        services.AddSingleton<IDeviceShadowStore, RedisDeviceShadowStore>();

        services.AddSingleton<OAuthCounters>();
        services.AddSingleton<GrantRevoker>();
        services.AddSingleton<IAccountLinks>(provider => provider.GetRequiredService<GrantRevoker>());
        services.AddSingleton<AuthorizationServer>();
        services.AddSingleton<AccountSignIn>();
        services.AddSingleton<GrantViews>();
        services.AddSingleton<LinkFaults>();
        services.AddSingleton<LostRefreshAnswers>();
        services.AddSingleton<SimulatedAccounts>();
        services.AddSingleton<AccountDevices>();
        services.AddSingleton<UplinkRegistry>();
        services.AddSingleton<UplinkFrameProcessor>();
        // Several replicas: each knows who holds which home's socket (Redis) and forwards a command to its holder.
        services.AddSingleton(VendorReplica.ForThisProcess());
        services.AddSingleton<IReplicaBus, RedisReplicaBus>();
        services.AddSingleton<IUplinkDirectory, RedisUplinkDirectory>();
        services.AddSingleton<UplinkRelay>();
        services.AddHostedService<UplinkRoutingService>();
        // The conformance test account's virtual home is answered inside the vendor; every other home by its uplink.
        services.AddSingleton<HomeUplinks>();
        services.AddSingleton<IHomeUplinks>(provider =>
            ActivatorUtilities.CreateInstance<VirtualHomeUplinks>(provider, provider.GetRequiredService<HomeUplinks>()));
        services.Configure<ConformanceOptions>(builder.Configuration.GetSection(ConformanceOptions.SectionName));
        services.AddSingleton<ConformanceAccountSeeder>();
        services.AddAssistantEvents(builder.Configuration);
        services.AddSingleton<SkillDirectiveHandler>();
        services.AddSingleton<VendorMetrics>();
        services.AddSingleton<CloudFaults>();
        services.AddSingleton<IFaultSwitchStore, RedisFaultSwitchStore>();
        services.AddSingleton<SharedCloudFaults>();
        services.AddHostedService<SharedCloudFaultsService>();
        services.AddSingleton<DeviceSupport>();

        services.AddSingleton<SeedStatus>();
        services.AddSingleton<VendorWorldSeeder>();
        services.AddHostedService<SeedingService>();
        services.AddSingleton<IWorldResetPart, VendorWorldReset>();
        services.AddHealthChecks().AddCheck<SeedStatus>("seed", tags: ["ready"]);
        return builder;
    }
}
