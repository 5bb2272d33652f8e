using Microsoft.Extensions.Options;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Simulation;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Hosting;

internal static class GatewayServices
{
    /// <summary>
    /// Registers the gateway. Hosted services start in this order (broker, bridge, uplink) and stop in reverse.
    /// </summary>
    public static IServiceCollection AddDeviceGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayOptions(configuration);
        services.ListenOnApiAndWanPorts();
        services.AddSingleton(provider => MqttCredentials.From(provider.GetRequiredService<GatewayOptions>()));
        services.AddSingleton<WifiBand>();
        services.AddSingleton<DeviceTable>();
        services.AddSingleton<PendingCommands>();
        services.AddSingleton<UplinkConnectionTracker>();
        services.AddWanEdge();

        services.AddSingleton<MqttBrokerService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBrokerService>());
        services.AddSingleton<MqttBridge>();
        services.AddSingleton<IMqttPublisher>(sp => sp.GetRequiredService<MqttBridge>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttBridge>());
        services.AddSingleton<CommandDispatcher>();
        services.AddHostedService<UplinkClient>();

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
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<GatewayOptions>>().Value);
        return services;
    }
}
