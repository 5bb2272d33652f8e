using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.DeviceGateway;

/// <summary>JSON for uplink frames and MQTT payloads: camelCase, absent optional fields left out.</summary>
internal static class GatewayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A peer may put "type" anywhere in the object.
        AllowOutOfOrderMetadataProperties = true,
        // A frame missing a required field is malformed, not a frame full of nulls.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
