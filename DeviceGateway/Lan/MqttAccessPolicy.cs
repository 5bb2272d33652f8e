using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The broker's ACL. The bridge, which serves every home of the gateway, may use every topic under
/// <c>homes/</c>; a device only its own topics in its own home: publish its state, availability, command
/// responses and Home Assistant discovery config, and subscribe to its own command topic. Everything else
/// is refused (MQTT 5 reason code NotAuthorized).
/// </summary>
internal static class MqttAccessPolicy
{
    /// <summary>
    /// Whether <paramref name="clientId"/> may publish on <paramref name="topic"/>; <paramref name="device"/> is the
    /// device the client authenticated as, null when it is none (the bridge, or no one).
    /// </summary>
    public static bool MayPublish(string bridgeClientId, string clientId, LanDevice? device, string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return false;
        }

        if (clientId == bridgeClientId)
        {
            return IsUnderHomes(topic);
        }

        return device is not null && device.MqttName == clientId
            && (topic == MqttTopics.DeviceState(device.HomeId, device.DeviceId)
                || topic == MqttTopics.DeviceAvailability(device.HomeId, device.DeviceId)
                || topic == MqttTopics.GatewayResponses(device.HomeId)
                || topic == DiscoveryConfig(device.MqttName));
    }

    /// <summary>A device may subscribe to its own command topic only (there is no narrower filter).</summary>
    public static bool MaySubscribe(string bridgeClientId, string clientId, LanDevice? device, string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return false;
        }

        if (clientId == bridgeClientId)
        {
            // "$share/..." and filters outside the homes are not the bridge's business either.
            return IsUnderHomes(filter);
        }

        return device is not null && device.MqttName == clientId
            && filter == MqttTopics.DeviceSet(device.HomeId, device.DeviceId);
    }

    /// <summary>
    /// Home Assistant's discovery topic for a light (docs/protocols.md), by the device's MQTT name: a qualified
    /// name <c>{homeId}/{deviceId}</c> makes the home the discovery topic's node id.
    /// </summary>
    public static string DiscoveryConfig(string mqttName) => $"homeassistant/light/{mqttName}/config";

    private static bool IsUnderHomes(string topicOrFilter) =>
        topicOrFilter.StartsWith("homes/", StringComparison.Ordinal);
}
