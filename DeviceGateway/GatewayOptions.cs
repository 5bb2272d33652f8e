namespace SmartHome.DeviceGateway;

/// <summary>The gateway's settings, read once at start-up from the keys docs/protocols.md names.</summary>
internal sealed record GatewayOptions(string HomeId, string GatewaySecret, int WanPort, int MqttPort, Uri UplinkUrl)
{
    public string MqttClientId => $"gateway-{HomeId}";

    // Records print every member; the gateway secret must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"HomeId = {HomeId}, GatewaySecret = ***, WanPort = {WanPort}, MqttPort = {MqttPort}, UplinkUrl = {UplinkUrl}");
        return true;
    }

    public static GatewayOptions From(IConfiguration configuration)
    {
        return new GatewayOptions(
            HomeId: Required(configuration, "World:HomeId"),
            GatewaySecret: Required(configuration, "World:GatewaySecret"),
            WanPort: Port(configuration, "Wan:Port"),
            MqttPort: Port(configuration, "Mqtt:Port"),
            UplinkUrl: new Uri(Required(configuration, "Uplink:Url"), UriKind.Absolute));
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' is missing.");

    private static int Port(IConfiguration configuration, string key) =>
        int.TryParse(Required(configuration, key), out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"Configuration '{key}' is not a TCP port.");
}
