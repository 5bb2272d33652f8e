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
    public const string DevicePasswordSeedKey = "Mqtt:DevicePasswordSeed";

    /// <summary>
    /// The story's home (the bridge is <c>gateway-{HomeId}</c>); when not configured, the world's first home.
    /// Each home of the world gets its own copy of these options (<see cref="ForHome"/>).
    /// </summary>
    [ConfigurationKeyName(HomeIdKey)]
    public string HomeId { get; set; } = "";

    /// <summary>
    /// A secret: sent only as the uplink's bearer token, never printed. The story home's own; every other home's
    /// is derived from it (<c>WorldSecrets.GatewaySecret</c>).
    /// </summary>
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

    /// <summary>
    /// A secret, the AppHost's <c>plug-mqtt-password</c>: every device of the world without its own
    /// <c>Mqtt:Devices:{name}:Password</c> has the password <c>WorldSecrets.DeviceMqttPassword</c> derives from it.
    /// </summary>
    [ConfigurationKeyName(DevicePasswordSeedKey)]
    public string DevicePasswordSeed { get; set; } = "";

    /// <summary>These settings as one home of the world sees them: its id and its own uplink secret.</summary>
    public GatewayOptions ForHome(string homeId, string gatewaySecret) => new()
    {
        HomeId = homeId,
        GatewaySecret = gatewaySecret,
        WanPort = WanPort,
        MqttPort = MqttPort,
        UplinkUrl = UplinkUrl,
        Devices = Devices,
        DevicePasswordSeed = DevicePasswordSeed,
    };

    public string MqttClientId => $"gateway-{HomeId}";

    // The gateway secret, the device passwords and their seed must never reach a log.
    public override string ToString() =>
        $"GatewayOptions {{ HomeId = {HomeId}, GatewaySecret = ***, WanPort = {WanPort}, MqttPort = {MqttPort}, UplinkUrl = {UplinkUrl}, Devices = {Devices.Count} }}";
}

/// <summary>One device's LAN broker credential.</summary>
internal sealed class MqttDeviceOptions
{
    /// <summary>A secret: only its digest is kept (<see cref="Lan.MqttCredentials"/>).</summary>
    public string Password { get; set; } = "";
}
