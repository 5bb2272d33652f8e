using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Simulation;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Hosting;

internal static class GatewayServices
{
    /// <summary>
    /// Registers the gateway. Every home of the world (or of its simulator shard) runs here (<see cref="GatewayHomes"/>). Hosted services start in this order (broker, bridge, the homes' uplinks) and stop in reverse.
    /// </summary>
    public static IServiceCollection AddDeviceGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayOptions(configuration);
        services.ListenOnApiAndWanPorts();
        services.AddSingleton<GatewayHomes>();
        services.AddSingleton(provider => MqttCredentials.From(
            provider.GetRequiredService<GatewayOptions>(), provider.GetRequiredService<World>(), provider.GetRequiredService<GatewayHomes>()));
        services.AddWanEdge();

        // The devices dial Mqtt:Port: the gateway's own broker, or (Mqtt:Broker=external) the band's relay to mosquitto.
        if (configuration[GatewayOptions.BrokerKey] is not { } broker || !broker.Equals(GatewayOptions.ExternalBroker, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<MqttBrokerService>();
            services.AddSingleton<ILanListener>(sp => sp.GetRequiredService<MqttBrokerService>());
            services.AddHostedService(sp => sp.GetRequiredService<MqttBrokerService>());
        }
        else
        {
            services.AddSingleton<BandRelay>();
            services.AddSingleton<ILanListener>(sp => sp.GetRequiredService<BandRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<BandRelay>());
        }
        services.AddSingleton<MqttBridge>();
        services.AddSingleton<IMqttPublisher>(sp => sp.GetRequiredService<MqttBridge>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttBridge>());
        services.AddHostedService<HomeUplinks>();

        services.AddSingleton<IWorldResetPart, GatewayWorldReset>();

        services.AddHealthChecks().AddCheck<LanHealthCheck>("lan");
        return services;
    }

    /// <summary>
    /// <see cref="GatewayOptions"/> bound and validated at start, and registered once as the validated value its
    /// consumers take.
    /// </summary>
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(configuration);
        services.AddWorld(configuration);
        // Which homes of the world this process runs (AppHost parameter simulator-replicas; unset: all of them).
        services.TryAddSingleton(_ => SimulatorShards.From(configuration));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
            if (string.IsNullOrEmpty(options.HomeId))
            {
                // The world names the story's home; World:HomeId is only an override.
                options.HomeId = provider.GetRequiredService<World>().StoryHome.Id;
            }

            return options;
        });
        return services;
    }
}
