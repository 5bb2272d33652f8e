using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// Healthy when the home LAN works: the broker runs and the bridge's session is up. The uplink is
/// deliberately not part of it: broadband being down is a normal state of a home.
/// </summary>
internal sealed class LanHealthCheck(MqttBrokerService broker, MqttBridge bridge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((broker.IsRunning, bridge.IsSessionUp) switch
        {
            (false, _) => HealthCheckResult.Unhealthy("the MQTT broker is not running"),
            (_, false) => HealthCheckResult.Unhealthy("the gateway's MQTT bridge session is down"),
            _ => HealthCheckResult.Healthy($"broker on 127.0.0.1:{broker.Port}, bridge session up"),
        });
}
