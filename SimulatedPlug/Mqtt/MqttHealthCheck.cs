using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartHome.SimulatedPlug.Fleet;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// <c>/health</c> shows the Wi-Fi links: healthy while every device is on the broker; unhealthy while the
/// story's device is not (as with the one plug of old); degraded while only others are off (a fault on one of
/// them, or a large world still connecting). The description counts the devices online.
/// </summary>
internal sealed class MqttHealthCheck(Devices devices) : IHealthCheck
{
    public const string Name = "mqtt";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var online = devices.OnlineCount;
        var total = devices.All.Count;
        var data = new Dictionary<string, object> { ["online"] = online, ["devices"] = total };
        var result = !devices.Story.Session.IsReady
            ? HealthCheckResult.Unhealthy($"Not connected to the broker ({online} of {total} devices online)", data: data)
            : online < total
                ? HealthCheckResult.Degraded($"{online} of {total} devices online", data: data)
                : HealthCheckResult.Healthy(
                    total == 1 ? "Connected to the broker, subscribed to commands" : $"All {total} devices online", data);
        return Task.FromResult(result);
    }
}
