namespace SmartHome.SimulatedPlug;

/// <summary>
/// Where the broker is and how every simulated device talks to it, from the configuration the AppHost passes.
/// Who the devices are comes from the world (<see cref="PlugIdentity"/>). Bound from the whole configuration,
/// since the keys live in several sections (each property names its key), and checked at start by
/// <see cref="PlugSettingsValidator"/>.
/// </summary>
internal sealed class PlugSettings
{
    public const string BrokerUrlKey = "Mqtt:Url";
    public const string KeepAliveSecondsKey = "Mqtt:KeepAliveSeconds";
    public const string DevicePasswordSeedKey = "Mqtt:DevicePasswordSeed";
    public const string MqttPasswordKey = "Mqtt:Password";
    public const string ConnectParallelismKey = "Mqtt:ConnectParallelism";
    public const string ApplyDelayMsKey = "Plug:ApplyDelayMs";

    public const int DefaultMqttPort = 1883;
    public const int DefaultKeepAliveSeconds = 2;
    public const int DefaultConnectParallelism = 16;

    /// <summary>The longest apply delay accepted: a minute (Alexa waits for a deferred response far less).</summary>
    public const int MaxApplyDelayMs = 60_000;

    private string? _devicePasswordSeed;
    private string? _mqttPassword;

    /// <summary>The broker, <c>tcp://host:port</c> (or <c>mqtt://</c>); the port defaults to 1883.</summary>
    [ConfigurationKeyName(BrokerUrlKey)]
    public string BrokerUrl { get; set; } = "";

    [ConfigurationKeyName(KeepAliveSecondsKey)]
    public int KeepAliveSeconds { get; set; } = DefaultKeepAliveSeconds;

    /// <summary>How many devices may be connecting at once: a thousand never queue behind one timeout each.</summary>
    [ConfigurationKeyName(ConnectParallelismKey)]
    public int ConnectParallelism { get; set; } = DefaultConnectParallelism;

    /// <summary>How long every device takes to apply a command before it publishes its state and answers (0: at once).</summary>
    [ConfigurationKeyName(ApplyDelayMsKey)]
    public int ApplyDelayMs { get; set; }

    public TimeSpan ApplyDelay => TimeSpan.FromMilliseconds(ApplyDelayMs);

    /// <summary>
    /// A secret: the parameter <c>plug-mqtt-password</c>, from which every device's password is derived
    /// (<see cref="ServiceDefaults.Worlds.WorldSecrets.DeviceMqttPassword"/>); null when the broker asks for none.
    /// </summary>
    [ConfigurationKeyName(DevicePasswordSeedKey)]
    public string? DevicePasswordSeed
    {
        get => _devicePasswordSeed;
        set => _devicePasswordSeed = value is { Length: > 0 } ? value : null;
    }

    /// <summary>A secret: the story device's own password, when no seed is given (the older, one-plug key).</summary>
    [ConfigurationKeyName(MqttPasswordKey)]
    public string? MqttPassword
    {
        get => _mqttPassword;
        set => _mqttPassword = value is { Length: > 0 } ? value : null;
    }

    public string BrokerHost => Broker.Host;

    public int BrokerPort => Broker.IsDefaultPort || Broker.Port < 0 ? DefaultMqttPort : Broker.Port;

    public TimeSpan KeepAlive => TimeSpan.FromSeconds(KeepAliveSeconds);

    /// <summary>A device's broker password: derived from the seed, else the story device's own; null when there is none.</summary>
    public string? PasswordFor(ServiceDefaults.Worlds.World world, string homeId, string deviceId) =>
        DevicePasswordSeed is { } seed
            ? ServiceDefaults.Worlds.WorldSecrets.DeviceMqttPassword(world, homeId, deviceId, seed)
            : world.IsStoryDevice(homeId, deviceId) ? MqttPassword : null;

    /// <summary>The parsed <see cref="BrokerUrl"/>; start-up validation has rejected anything else.</summary>
    private Uri Broker => TryParseBroker(BrokerUrl, out var broker)
        ? broker
        : throw new InvalidOperationException($"{BrokerUrlKey} must look like tcp://host:port, not '{BrokerUrl}'.");

    public static bool TryParseBroker(string? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? broker) =>
        Uri.TryCreate(url, UriKind.Absolute, out broker) && broker.Scheme is "tcp" or "mqtt";

    // The passwords are secrets: never printed.
    public override string ToString() =>
        $"PlugSettings {{ Broker = {BrokerHost}:{BrokerPort}, KeepAlive = {KeepAlive}, ConnectParallelism = {ConnectParallelism}, ApplyDelayMs = {ApplyDelayMs}, " +
        $"DevicePasswordSeed = {(DevicePasswordSeed is null ? "none" : "***")}, MqttPassword = {(MqttPassword is null ? "none" : "***")} }}";
}
