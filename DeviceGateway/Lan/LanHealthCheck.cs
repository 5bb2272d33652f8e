using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// Healthy when the home LAN works: the broker (or the band's relay to mosquitto) runs and the bridge's session is up. The uplink is
/// deliberately not part of it: broadband being down is a normal state of a home.
/// </summary>
internal sealed class LanHealthCheck(ILanListener listener, MqttBridge bridge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((listener.IsRunning, bridge.IsSessionUp) switch
        {
            (false, _) => HealthCheckResult.Unhealthy($"not running: {listener.Describe()}"),
            (_, false) => HealthCheckResult.Unhealthy("the gateway's MQTT bridge session is down"),
            _ => HealthCheckResult.Healthy($"{listener.Describe()}, bridge session up"),
        });
}
