namespace SmartHome.DeviceGateway;

/// <summary>
/// The gateway's settings, under the keys docs/protocols.md names. Bound from the whole configuration, since the
/// keys live in several sections (each property names its key), and checked at start by
/// <see cref="GatewayOptionsValidator"/>.
/// </summary>
internal sealed class GatewayOptions
{
    public const string HomeIdKey = "World:HomeId";
    public const string GatewaySecretKey = "World:GatewaySecret";
    public const string WanPortKey = "Wan:Port";
    public const string MqttPortKey = "Mqtt:Port";
    public const string UplinkUrlKey = "Uplink:Url";
    public const string DevicesKey = "Mqtt:Devices";

    [ConfigurationKeyName(HomeIdKey)]
    public string HomeId { get; set; } = "";

    /// <summary>A secret: sent only as the uplink's bearer token, never printed.</summary>
    [ConfigurationKeyName(GatewaySecretKey)]
    public string GatewaySecret { get; set; } = "";

    /// <summary>The WAN edge's loopback port (the reverse proxy in front of the API).</summary>
    [ConfigurationKeyName(WanPortKey)]
    public int WanPort { get; set; }

    /// <summary>The LAN broker's loopback port.</summary>
    [ConfigurationKeyName(MqttPortKey)]
    public int MqttPort { get; set; }

    /// <summary>The vendor's uplink base URL; never null once the host has started (the validator requires it).</summary>
    [ConfigurationKeyName(UplinkUrlKey)]
    public Uri UplinkUrl { get; set; } = null!;

    /// <summary>The devices that may use the LAN broker, by device id (<c>Mqtt:Devices:{deviceId}:Password</c>).</summary>
    [ConfigurationKeyName(DevicesKey)]
    public Dictionary<string, MqttDeviceOptions> Devices { get; set; } = [];

    public string MqttClientId => $"gateway-{HomeId}";

    // The gateway secret and the device passwords must never reach a log.
    public override string ToString() =>
        $"GatewayOptions {{ HomeId = {HomeId}, GatewaySecret = ***, WanPort = {WanPort}, MqttPort = {MqttPort}, UplinkUrl = {UplinkUrl}, Devices = {Devices.Count} }}";
}

/// <summary>One device's LAN broker credential.</summary>
internal sealed class MqttDeviceOptions
{
    /// <summary>A secret: only its digest is kept (<see cref="Lan.MqttCredentials"/>).</summary>
    public string Password { get; set; } = "";
}
