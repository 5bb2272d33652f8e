using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug;

/// <summary>
/// Who the plug is and where its broker is, from the configuration the AppHost passes. Bound from the whole
/// configuration, since the keys live in several sections (each property names its key), and checked at start by
/// <see cref="PlugSettingsValidator"/>.
/// </summary>
internal sealed class PlugSettings
{
    public const string HomeIdKey = "World:HomeId";
    public const string DeviceIdKey = "World:DeviceId";
    public const string DeviceNameKey = "World:DeviceName";
    public const string BrokerUrlKey = "Mqtt:Url";
    public const string KeepAliveSecondsKey = "Mqtt:KeepAliveSeconds";
    public const string MinimumLevelKey = "Plug:MinimumLevel";
    public const string MqttPasswordKey = "Mqtt:Password";

    public const int DefaultMqttPort = 1883;
    public const int DefaultKeepAliveSeconds = 2;

    private string _deviceName = "";
    private string? _mqttPassword;

    [ConfigurationKeyName(HomeIdKey)]
    public string HomeId { get; set; } = "";

    [ConfigurationKeyName(DeviceIdKey)]
    public string DeviceId { get; set; } = "";

    /// <summary>The name the plug announces; its device id when none is configured.</summary>
    [ConfigurationKeyName(DeviceNameKey)]
    public string DeviceName
    {
        get => _deviceName is { Length: > 0 } ? _deviceName : DeviceId;
        set => _deviceName = value;
    }

    /// <summary>The broker, <c>tcp://host:port</c> (or <c>mqtt://</c>); the port defaults to 1883.</summary>
    [ConfigurationKeyName(BrokerUrlKey)]
    public string BrokerUrl { get; set; } = "";

    [ConfigurationKeyName(KeepAliveSecondsKey)]
    public int KeepAliveSeconds { get; set; } = DefaultKeepAliveSeconds;

    [ConfigurationKeyName(MinimumLevelKey)]
    public int MinimumLevel { get; set; } = Dimmer.DefaultMinimumLevel;

    /// <summary>A secret: the plug's broker password, or null when the broker asks for none. Never printed.</summary>
    [ConfigurationKeyName(MqttPasswordKey)]
    public string? MqttPassword
    {
        get => _mqttPassword;
        set => _mqttPassword = value is { Length: > 0 } ? value : null;
    }

    public string BrokerHost => Broker.Host;

    public int BrokerPort => Broker.IsDefaultPort || Broker.Port < 0 ? DefaultMqttPort : Broker.Port;

    public TimeSpan KeepAlive => TimeSpan.FromSeconds(KeepAliveSeconds);

    /// <summary>The parsed <see cref="BrokerUrl"/>; start-up validation has rejected anything else.</summary>
    private Uri Broker => TryParseBroker(BrokerUrl, out var broker)
        ? broker
        : throw new InvalidOperationException($"{BrokerUrlKey} must look like tcp://host:port, not '{BrokerUrl}'.");

    public static bool TryParseBroker(string? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? broker) =>
        Uri.TryCreate(url, UriKind.Absolute, out broker) && broker.Scheme is "tcp" or "mqtt";

    // The broker password is a secret: never printed.
    public override string ToString() =>
        $"PlugSettings {{ HomeId = {HomeId}, DeviceId = {DeviceId}, Broker = {BrokerHost}:{BrokerPort}, KeepAlive = {KeepAlive}, " +
        $"MinimumLevel = {MinimumLevel}, MqttPassword = {(MqttPassword is null ? "none" : "***")} }}";
}
