using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>A Home Assistant JSON light state: <c>{"state":"ON"|"OFF","brightness":0..100}</c>.</summary>
internal sealed record LightState(string? State, int? Brightness);

/// <summary>One device in a <c>hello</c> frame.</summary>
internal sealed record HelloDevice(string DeviceId, bool Online, LightState? State);

/// <summary>Gateway to vendor, first frame after every (re)connect.</summary>
internal sealed record HelloFrame(string HomeId, IReadOnlyList<HelloDevice> Devices)
{
    public string Type => UplinkFrameTypes.Hello;
}

/// <summary>Vendor to gateway: a command for one device; trace context in W3C form.</summary>
internal sealed record CommandFrame(string Id, string DeviceId, LightState Command, string Traceparent, string? Tracestate)
{
    public string Type => UplinkFrameTypes.Command;
}

/// <summary>Gateway to vendor: the answer to a command.</summary>
internal sealed record ResultFrame(string Id, string DeviceId, string Status, LightState? State, string? Error)
{
    public string Type => UplinkFrameTypes.Result;
}

/// <summary>Gateway to vendor: a device's availability or state changed.</summary>
internal sealed record DeviceFrame(string DeviceId, bool Online, LightState? State, string? Traceparent, string? Tracestate)
{
    public string Type => UplinkFrameTypes.Device;
}

internal static class UplinkFrameTypes
{
    public const string Hello = "hello";
    public const string Command = "command";
    public const string Result = "result";
    public const string Device = "device";
}

/// <summary>Values of <c>result.status</c>.</summary>
internal static class UplinkResultStatus
{
    public const string Ok = "ok";
    public const string Offline = "offline";
    public const string Timeout = "timeout";
    public const string Rejected = "rejected";
    public const string Error = "error";
}

/// <summary>(De)serialization of uplink frames: camelCase JSON, absent optionals omitted, <c>type</c> first.</summary>
internal static class UplinkFrameSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(CommandFrame frame)
    {
        // Written by hand so that "type" leads, as a reader skimming a capture expects.
        var node = JsonSerializer.SerializeToNode(frame, Options)!.AsObject();
        node.Remove("type");
        var ordered = new System.Text.Json.Nodes.JsonObject { ["type"] = frame.Type };
        foreach (var (name, value) in node.ToList())
        {
            node.Remove(name);
            ordered[name] = value;
        }

        return ordered.ToJsonString(Options);
    }

    /// <summary>Reads one frame from the gateway; null (with a reason) when it is not a valid frame.</summary>
    public static object? Deserialize(ReadOnlySpan<byte> utf8Json, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                problem = "frame has no type";
                return null;
            }

            object? frame = type.GetString() switch
            {
                UplinkFrameTypes.Hello => root.Deserialize<HelloFrame>(Options) is { HomeId: not null, Devices: not null } hello
                    && hello.Devices.All(d => d?.DeviceId is not null) ? hello : null,
                UplinkFrameTypes.Result => root.Deserialize<ResultFrame>(Options) is { Id: not null, DeviceId: not null, Status: not null } result
                    ? result : null,
                UplinkFrameTypes.Device => root.Deserialize<DeviceFrame>(Options) is { DeviceId: not null } device ? device : null,
                UplinkFrameTypes.Command => root.Deserialize<CommandFrame>(Options),
                _ => null,
            };
            if (frame is null)
            {
                problem = $"frame of type '{type.GetString()}' is unknown or lacks required fields";
            }

            return frame;
        }
        catch (JsonException ex)
        {
            problem = $"frame is not valid JSON: {ex.Message}";
            return null;
        }
    }
}
