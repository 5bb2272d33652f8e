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
    public const string UplinkKeepAliveSecondsKey = "Uplink:KeepAliveSeconds";
    public const int DefaultUplinkKeepAliveSeconds = 5;
    public const string DevicesKey = "Mqtt:Devices";
    public const string DevicePasswordSeedKey = "Mqtt:DevicePasswordSeed";
    public const string ObserverPasswordKey = "Mqtt:ObserverPassword";
    public const string HomeAssistantPasswordKey = "Mqtt:HomeAssistantPassword";
    public const string BrokerKey = "Mqtt:Broker";
    public const string BridgePasswordKey = "Mqtt:BridgePassword";

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

    /// <summary>
    /// How often the uplink pings the vendor (WebSocket PING); a line that died without a word is given up after twice this.
    /// </summary>
    [ConfigurationKeyName(UplinkKeepAliveSecondsKey)]
    public int UplinkKeepAliveSeconds { get; set; } = DefaultUplinkKeepAliveSeconds;

    public TimeSpan UplinkKeepAlive => TimeSpan.FromSeconds(UplinkKeepAliveSeconds);

    /// <summary>The devices that may use the LAN broker, by device id (<c>Mqtt:Devices:{deviceId}:Password</c>).</summary>
    [ConfigurationKeyName(DevicesKey)]
    public Dictionary<string, MqttDeviceOptions> Devices { get; set; } = [];

    /// <summary>
    /// A secret, the AppHost's <c>plug-mqtt-password</c>: every device of the world without its own
    /// <c>Mqtt:Devices:{name}:Password</c> has the password <c>WorldSecrets.DeviceMqttPassword</c> derives from it.
    /// </summary>
    [ConfigurationKeyName(DevicePasswordSeedKey)]
    public string DevicePasswordSeed { get; set; } = "";

    /// <summary>
    /// A secret, the AppHost's <c>mqtt-observer-password</c>: the password of the story home's <c>observer</c>, from
    /// which every other home's is derived (<c>LanRoles</c>). Empty: no observer may join.
    /// </summary>
    [ConfigurationKeyName(ObserverPasswordKey)]
    public string ObserverPassword { get; set; } = "";

    /// <summary>A secret, the AppHost's <c>mqtt-homeassistant-password</c>: the integrator <c>homeassistant</c>'s, like <see cref="ObserverPassword"/>.</summary>
    [ConfigurationKeyName(HomeAssistantPasswordKey)]
    public string HomeAssistantPassword { get; set; } = "";

    /// <summary>
    /// <c>embedded</c> (default): the gateway hosts the broker on <see cref="MqttPort"/>. <c>external</c>: a broker of
    /// its own (the AppHost's mosquitto) listens at <see cref="BrokerUrl"/>, the bridge joins it with
    /// <see cref="BridgePassword"/>, and <see cref="MqttPort"/> is the 2.4 GHz band's relay to it.
    /// </summary>
    [ConfigurationKeyName(BrokerKey)]
    public string Broker { get; set; } = EmbeddedBroker;

    /// <summary>The external broker (<c>tcp://127.0.0.1:port</c>); only with <c>Mqtt:Broker=external</c>.</summary>
    [ConfigurationKeyName("Mqtt:BrokerUrl")]
    public Uri? BrokerUrl { get; set; }

    /// <summary>A secret: the bridge's password on an external broker (on the embedded one it is made up at start).</summary>
    [ConfigurationKeyName(BridgePasswordKey)]
    public string BridgePassword { get; set; } = "";

    public const string EmbeddedBroker = "embedded";
    public const string ExternalBroker = "external";

    public bool HostsBroker => !string.Equals(Broker, ExternalBroker, StringComparison.OrdinalIgnoreCase);

    /// <summary>These settings as one home of the world sees them: its id and its own uplink secret.</summary>
    public GatewayOptions ForHome(string homeId, string gatewaySecret) => new()
    {
        HomeId = homeId,
        GatewaySecret = gatewaySecret,
        WanPort = WanPort,
        MqttPort = MqttPort,
        UplinkUrl = UplinkUrl,
        UplinkKeepAliveSeconds = UplinkKeepAliveSeconds,
        Devices = Devices,
        DevicePasswordSeed = DevicePasswordSeed,
        ObserverPassword = ObserverPassword,
        HomeAssistantPassword = HomeAssistantPassword,
        Broker = Broker,
        BrokerUrl = BrokerUrl,
        BridgePassword = BridgePassword,
    };

    public string MqttClientId => $"gateway-{HomeId}";

    // The gateway secret, the device passwords and their seed must never reach a log.
    public override string ToString() =>
        $"GatewayOptions {{ HomeId = {HomeId}, GatewaySecret = ***, WanPort = {WanPort}, MqttPort = {MqttPort}, UplinkUrl = {UplinkUrl}, UplinkKeepAlive = {UplinkKeepAlive}, Devices = {Devices.Count}, Broker = {Broker} }}";
}

/// <summary>One device's LAN broker credential.</summary>
internal sealed class MqttDeviceOptions
{
    /// <summary>A secret: only its digest is kept (<see cref="Lan.MqttCredentials"/>).</summary>
    public string Password { get; set; } = "";
}
