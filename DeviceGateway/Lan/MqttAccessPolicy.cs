using SmartHome.DeviceGateway.LanTopics;
namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The broker's ACL. The bridge may use every topic of its home; a device only its own topics:
/// publish its state, availability, command responses and Home Assistant discovery config, and
/// subscribe to its own command topic. Everything else is refused (MQTT 5 reason code NotAuthorized).
/// </summary>
internal static class MqttAccessPolicy
{
    public static bool MayPublish(string homeId, string bridgeClientId, string clientId, string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return false;
        }

        if (clientId == bridgeClientId)
        {
            return IsUnderHome(homeId, topic);
        }

        return MqttTopics.IsValidId(clientId)
            && (topic == MqttTopics.DeviceState(homeId, clientId)
                || topic == MqttTopics.DeviceAvailability(homeId, clientId)
                || topic == MqttTopics.GatewayResponses(homeId)
                || topic == DiscoveryConfig(clientId));
    }

    /// <summary>A device may subscribe to its own command topic only (there is no narrower filter).</summary>
    public static bool MaySubscribe(string homeId, string bridgeClientId, string clientId, string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return false;
        }

        if (clientId == bridgeClientId)
        {
            // "$share/..." and filters outside the home are not the bridge's business either.
            return IsUnderHome(homeId, filter);
        }

        return MqttTopics.IsValidId(clientId) && filter == MqttTopics.DeviceSet(homeId, clientId);
    }

    /// <summary>Home Assistant's discovery topic for a light (docs/protocols.md).</summary>
    public static string DiscoveryConfig(string deviceId) => $"homeassistant/light/{deviceId}/config";

    private static bool IsUnderHome(string homeId, string topicOrFilter) =>
        topicOrFilter.StartsWith($"homes/{homeId}/", StringComparison.Ordinal);
}
