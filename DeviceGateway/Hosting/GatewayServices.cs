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
    public static IServiceCollection AddDeviceGateway(this IServiceCollection services, GatewayOptions options, MqttCredentials credentials)
    {
        services.AddSingleton(options);
        services.AddSingleton(credentials);
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
}
