using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Radio;
using SmartHome.SimulatedPlug.Simulation;

namespace SmartHome.SimulatedPlug;

internal static class PlugServices
{
    /// <summary>The plug: dimmer, flash, one MQTT session kept alive, and its health check.</summary>
    public static IHostApplicationBuilder AddSimulatedPlug(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPlugSettings(builder.Configuration);
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<PlugSettings>();
            return new PlugTopics(settings.HomeId, settings.DeviceId);
        });
        services.AddSingleton<ReconnectBackoff>();

        services.AddSingleton<PlugMemory>();
        services.AddHostedService(provider => provider.GetRequiredService<PlugMemory>());
        services.AddSingleton<PlugDevice>();

        services.AddSingleton<PlugRadio>();
        services.AddSingleton<PlugSwitches>();
        services.AddSingleton<MqttSession>();
        services.AddSingleton<IMqttPublisher>(provider => provider.GetRequiredService<MqttSession>());
        services.AddSingleton<MessageSender>();
        services.AddSingleton<StatePublisher>();
        services.AddSingleton<CommandProcessor>();
        services.AddHostedService<PlugConnection>();
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
