using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Fleet;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Simulation;

namespace SmartHome.SimulatedPlug;

internal static class PlugServices
{
    /// <summary>
    /// Every device of the world (<see cref="Devices"/>), each with its dimmer, flash and own MQTT session, run by
    /// one hosted service; and the health check that counts them online.
    /// </summary>
    public static IHostApplicationBuilder AddSimulatedPlug(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPlugSettings(builder.Configuration);
        services.AddWorld(builder.Configuration);
        // Which homes of the world this process runs (AppHost parameter simulator-replicas; unset: all of them).
        services.TryAddSingleton(_ => SimulatorShards.From(builder.Configuration));
        services.AddSingleton<ReconnectBackoff>();
        services.AddSingleton<ConnectThrottle>();
        services.AddSingleton<Devices>();
        services.AddHostedService<DeviceFleetHost>();
        services.AddSingleton<IWorldResetPart, PlugWorldReset>();

        services.AddHealthChecks().AddCheck<MqttHealthCheck>(MqttHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// <see cref="PlugSettings"/> bound and validated at start, and registered once as the validated value its
    /// consumers take.
    /// </summary>
    public static IServiceCollection AddPlugSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PlugSettings, PlugSettingsValidator>(configuration);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PlugSettings>>().Value);
        return services;
    }
}
