using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartHome.ServiceDefaults.Worlds;

public static class WorldServices
{
    /// <summary>
    /// Registers the world the configuration names (<see cref="WorldLoader.FromConfiguration"/>): a
    /// <see cref="WorldSource"/> and the <see cref="World"/> it started with, loaded on first use. A test
    /// that registers its own <see cref="World"/> or <see cref="WorldSource"/> first keeps it.
    /// </summary>
    public static IServiceCollection AddWorld(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(World)))
        {
            services.TryAddSingleton(provider => new WorldSource(provider.GetRequiredService<World>()));
            return services;
        }

        services.TryAddSingleton(_ => new WorldSource(configuration));
        services.TryAddSingleton(provider => provider.GetRequiredService<WorldSource>().Current);
        return services;
    }

    /// <summary>Also reads the world file again when it changes (<see cref="WorldFileReloader"/>).</summary>
    public static IServiceCollection AddWorldReloading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorld(configuration);
        services.AddHostedService<WorldFileReloader>();
        return services;
    }
}
