using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The broker's ACL. The bridge, which serves every home of the gateway, may use every topic under
/// <c>homes/</c>; a device only its own topics in its own home: publish its state, availability, command
/// responses and Home Assistant discovery config, and subscribe to its own command topic. A home's role users
/// (<see cref="LanRoleUser"/>) read the home's topics and its devices' discovery; the integrator also commands
/// the home's devices. Everything else is refused (MQTT 5 reason code NotAuthorized).
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
                || topic == DiscoveryConfig(device.MqttName)
                || topic == SwitchDiscoveryConfig(device.MqttName));
    }

    /// <summary>An observer publishes nothing; an integrator only commands to its home's devices (their <c>set</c> topics).</summary>
    public static bool MayPublish(LanRoleUser role, string? topic) =>
        role.Role == LanRole.Integrator
        && MqttTopics.TryParse(role.HomeId, topic, out var parsed) && parsed.Kind == HomeTopicKind.DeviceSet;

    /// <summary>
    /// A role user may subscribe under its home (<c>homes/{homeId}/...</c>) and under <c>homeassistant/</c>; what a
    /// filter there matches of other homes' discovery is not delivered to it (<see cref="MayRead"/>).
    /// </summary>
    public static bool MaySubscribe(LanRoleUser role, string? filter) =>
        !string.IsNullOrEmpty(filter)
        && (filter.StartsWith($"homes/{role.HomeId}/", StringComparison.Ordinal)
            || filter.StartsWith("homeassistant/", StringComparison.Ordinal));

    /// <summary>
    /// Whether a message on <paramref name="topic"/> may reach a role user: its home's topics, and the discovery of
    /// its home's devices (<paramref name="findDevice"/> finds a device by MQTT name).
    /// </summary>
    public static bool MayRead(LanRoleUser role, string? topic, Func<string, LanDevice?> findDevice)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return false;
        }

        if (topic.StartsWith($"homes/{role.HomeId}/", StringComparison.Ordinal))
        {
            return true;
        }

        // homeassistant/{component}/{mqttName}/config, the MQTT name one or two levels.
        const string prefix = "homeassistant/", suffix = "/config";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = topic.AsSpan(prefix.Length, Math.Max(0, topic.Length - prefix.Length - suffix.Length));
        var slash = middle.IndexOf('/');
        return slash > 0 && findDevice(middle[(slash + 1)..].ToString()) is { } device && device.HomeId == role.HomeId;
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

    /// <summary>Home Assistant's discovery topic for an on/off plug, which it sees as a switch.</summary>
    public static string SwitchDiscoveryConfig(string mqttName) => $"homeassistant/switch/{mqttName}/config";

    private static bool IsUnderHomes(string topicOrFilter) =>
        topicOrFilter.StartsWith("homes/", StringComparison.Ordinal);
}
