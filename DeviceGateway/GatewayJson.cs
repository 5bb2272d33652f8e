using System.Text.Json;

namespace SmartHome.DeviceGateway;

/// <summary>JSON for MQTT payloads: the uplink's own options (camelCase, absent optional fields left out), one style on the home's every link.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options => UplinkFrameSerializer.Options;
}
