using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// A command for a home whose uplink another replica holds, published on that replica's commands channel. The holder
/// sends it down the socket within <see cref="BudgetMilliseconds"/> and publishes the <see cref="ForwardedResult"/>
/// on <see cref="ReplyTo"/>'s replies channel, under <see cref="CorrelationId"/>. The trace context is the forwarding
/// span's, so the holder's span joins the directive's trace.
/// </summary>
internal sealed record ForwardedCommand(
    string CorrelationId,
    string ReplyTo,
    string HomeId,
    string DeviceId,
    string CommandId,
    LightState Command,
    int BudgetMilliseconds,
    string? Traceparent = null,
    string? Tracestate = null);

/// <summary>The holder's answer to a <see cref="ForwardedCommand"/>: the command's outcome, and which replica sent it down.</summary>
internal sealed record ForwardedResult(string CorrelationId, string Replica, CommandStatus Status, LightState? State, string? Error);

/// <summary>The JSON of the messages between replicas.</summary>
internal static class ForwardedJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>The message, or null when it is not one (a stray publish must not stop the subscriber).</summary>
    public static T? Deserialize<T>(byte[] message) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
