using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Seeding;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud;

internal static class VendorCloudServices
{
    public static IHostApplicationBuilder AddVendorCloud(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<WorldOptions>(builder.Configuration.GetSection(WorldOptions.SectionName));
        services.Configure<OAuthOptions>(builder.Configuration.GetSection(OAuthOptions.SectionName));

        services.AddSingleton<IVendorDirectory, RedisVendorDirectory>();
        services.AddSingleton<IOAuthStore, RedisOAuthStore>();
        services.AddSingleton<IDeviceShadowStore, RedisDeviceShadowStore>();

        services.AddSingleton<AuthorizationServer>();
        services.AddSingleton<UplinkRegistry>();
        services.AddSingleton<UplinkFrameProcessor>();
        services.AddSingleton<IHomeUplinks, HomeUplinks>();
        services.AddSingleton<SkillDirectiveHandler>();

        services.AddSingleton<SeedStatus>();
        services.AddSingleton<WorldSeeder>();
        services.AddHostedService<SeedingService>();
        services.AddHealthChecks().AddCheck<SeedStatus>("seed", tags: ["ready"]);
        return builder;
    }
}
