using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>Healthy only while the plug is on the broker: <c>/health</c> shows the Wi-Fi link.</summary>
internal sealed class MqttHealthCheck(MqttSession session) : IHealthCheck
{
    public const string Name = "mqtt";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(session.IsReady
            ? HealthCheckResult.Healthy("Connected to the broker, subscribed to commands")
            : HealthCheckResult.Unhealthy("Not connected to the broker"));
}
