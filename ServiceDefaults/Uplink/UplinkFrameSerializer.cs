using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>(De)serialization of uplink frames: camelCase JSON, absent optionals omitted, <c>type</c> first.</summary>
public static class UplinkFrameSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A peer may put "type" anywhere in the object.
        AllowOutOfOrderMetadataProperties = true,
        // A frame missing a required field is malformed, not a frame full of nulls.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // The status first: it reads unknown values as an error; other enums (none yet) by the general converter.
        Converters = { new ResultStatusJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(UplinkFrame frame) => JsonSerializer.Serialize(frame, Options);

    public static byte[] SerializeToUtf8Bytes(UplinkFrame frame) => JsonSerializer.SerializeToUtf8Bytes(frame, Options);

    /// <summary>Reads one frame; null (with the reason in <paramref name="problem"/>) when it is not a valid frame.</summary>
    public static UplinkFrame? Deserialize(ReadOnlySpan<byte> utf8Json, out string? problem)
    {
        try
        {
            var frame = JsonSerializer.Deserialize<UplinkFrame>(utf8Json, Options);
            // Element nullability of a list is not checked by the serializer.
            problem = frame switch
            {
                null => "frame is null",
                HelloFrame hello when hello.Devices.Any(device => device is null) => "hello lists a null device",
                _ => null,
            };
            return problem is null ? frame : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // An unknown or missing type is a NotSupportedException, a missing field a JsonException.
            problem = ex.Message;
            return null;
        }
    }
}
