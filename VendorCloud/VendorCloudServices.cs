using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Faults;
using SmartHome.VendorCloud.OAuth;
using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Security;
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
        services.Configure<WorldOptions>(builder.Configuration.GetSection(WorldOptions.SectionName));
        // An unknown link policy is a start-up error: a link must not silently follow another rule than asked.
        services.AddOptions<OAuthOptions>().Bind(builder.Configuration.GetSection(OAuthOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>();

        services.AddVendorThrottling(builder.Configuration);
        services.AddSingleton<IVendorDirectory, RedisVendorDirectory>();
        services.AddSingleton<IOAuthStore, RedisOAuthStore>();
        services.AddSingleton<IDeviceShadowStore, RedisDeviceShadowStore>();

        services.AddSingleton<OAuthCounters>();
        services.AddSingleton<AuthorizationServer>();
        services.AddSingleton<SimulatedAccounts>();
        services.AddSingleton<UplinkRegistry>();
        services.AddSingleton<UplinkFrameProcessor>();
        services.AddSingleton<IHomeUplinks, HomeUplinks>();
        services.AddSingleton<SkillDirectiveHandler>();
        services.AddSingleton<VendorMetrics>();
        services.AddSingleton<CloudFaults>();
        services.AddSingleton<DeviceSupport>();

        services.AddSingleton<SeedStatus>();
        services.AddSingleton<WorldSeeder>();
        services.AddHostedService<SeedingService>();
        services.AddSingleton<IWorldResetPart, VendorWorldReset>();
        services.AddHealthChecks().AddCheck<SeedStatus>("seed", tags: ["ready"]);
        return builder;
    }
}
