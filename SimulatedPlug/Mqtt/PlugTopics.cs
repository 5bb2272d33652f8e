namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>The plug's MQTT topics (docs/protocols.md, "DeviceGateway to SimulatedPlug").</summary>
internal sealed record PlugTopics(string HomeId, string DeviceId, string? MqttName = null)
{
    public static PlugTopics For(PlugIdentity identity) => new(identity.HomeId, identity.DeviceId, identity.MqttName);

    /// <summary>Commands from the gateway; never retained.</summary>
    public string Command => $"homes/{HomeId}/devices/{DeviceId}/set";

    /// <summary>The retained light state.</summary>
    public string State => $"homes/{HomeId}/devices/{DeviceId}/state";

    /// <summary>Retained <c>online</c>, and <c>offline</c> as the last will.</summary>
    public string Availability => $"homes/{HomeId}/devices/{DeviceId}/availability";

    /// <summary>
    /// Home Assistant MQTT discovery config, under the device's MQTT name (a <c>node_id/object_id</c> pair when
    /// the device id alone is not unique in the world).
    /// </summary>
    public string Discovery => $"homeassistant/light/{MqttName ?? DeviceId}/config";

    /// <summary>The discovery topic of a device of <paramref name="kind"/>: an on/off plug is a Home Assistant switch.</summary>
    public string DiscoveryFor(SmartHome.ServiceDefaults.Worlds.DeviceKind kind) =>
        kind == SmartHome.ServiceDefaults.Worlds.DeviceKind.OnOffPlug ? $"homeassistant/switch/{MqttName ?? DeviceId}/config" : Discovery;

    public const string Online = "online";
    public const string Offline = "offline";
}
