using System.Globalization;
using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug;

/// <summary>Who the plug is and where its broker is, from the configuration the AppHost passes.</summary>
internal sealed record PlugSettings(
    string HomeId,
    string DeviceId,
    string DeviceName,
    string BrokerHost,
    int BrokerPort,
    TimeSpan KeepAlive,
    int MinimumLevel,
    string? MqttPassword = null)
{
    public const int DefaultMqttPort = 1883;
    public const int DefaultKeepAliveSeconds = 2;

    public static PlugSettings From(IConfiguration configuration)
    {
        var homeId = Required(configuration, "World:HomeId");
        var deviceId = Required(configuration, "World:DeviceId");
        var deviceName = configuration["World:DeviceName"] is { Length: > 0 } name ? name : deviceId;

        var url = Required(configuration, "Mqtt:Url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var broker) || broker.Scheme is not ("tcp" or "mqtt"))
        {
            throw new InvalidOperationException($"Mqtt:Url must look like tcp://host:port, not '{url}'.");
        }

        var keepAliveSeconds = Number(configuration, "Mqtt:KeepAliveSeconds", DefaultKeepAliveSeconds, 1, ushort.MaxValue);
        var minimumLevel = Number(configuration, "Plug:MinimumLevel", Dimmer.DefaultMinimumLevel, Dimmer.LowestLevel, Dimmer.HighestLevel);

        return new PlugSettings(
            homeId,
            deviceId,
            deviceName,
            broker.Host,
            broker.IsDefaultPort || broker.Port < 0 ? DefaultMqttPort : broker.Port,
            TimeSpan.FromSeconds(keepAliveSeconds),
            minimumLevel,
            configuration["Mqtt:Password"] is { Length: > 0 } password ? password : null);
    }

    // The broker password is a secret: never printed.
    public override string ToString() =>
        $"PlugSettings {{ HomeId = {HomeId}, DeviceId = {DeviceId}, Broker = {BrokerHost}:{BrokerPort}, KeepAlive = {KeepAlive}, " +
        $"MinimumLevel = {MinimumLevel}, MqttPassword = {(MqttPassword is null ? "none" : "***")} }}";

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' is missing.");

    private static int Number(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' must be an integer from {min} to {max}, not '{text}'.");
    }
}
