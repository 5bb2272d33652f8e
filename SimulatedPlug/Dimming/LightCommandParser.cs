using System.Buffers;
using System.Text.Json;

namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>
/// Reads a command payload. Checks only the JSON shape and types; the values (ON/OFF, 0..100,
/// at least one key) are the dimmer's to judge. Keys other than <c>state</c> and
/// <c>brightness</c> are ignored, as Home Assistant lights ignore what they do not support. The plain payloads
/// <c>ON</c> and <c>OFF</c> are what Home Assistant's MQTT switch sends (an on/off plug's discovery declares them).
/// </summary>
public static class LightCommandParser
{
    public static LightCommandParseResult Parse(ReadOnlySequence<byte> payload)
    {
        if (payload.Length <= 3 && PlainState(payload.ToArray()) is { } plain)
        {
            return LightCommandParseResult.Valid(new LightCommand(plain, null));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return LightCommandParseResult.Invalid("the payload is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return LightCommandParseResult.Invalid("the payload is not a JSON object");
            }

            string? state = null;
            if (root.TryGetProperty("state", out var stateElement))
            {
                if (stateElement.ValueKind != JsonValueKind.String)
                {
                    return LightCommandParseResult.Invalid("state must be a string");
                }

                state = stateElement.GetString();
            }

            int? brightness = null;
            if (root.TryGetProperty("brightness", out var brightnessElement))
            {
                if (brightnessElement.ValueKind != JsonValueKind.Number || !brightnessElement.TryGetInt32(out var value))
                {
                    return LightCommandParseResult.Invalid("brightness must be an integer");
                }

                brightness = value;
            }

            return LightCommandParseResult.Valid(new LightCommand(state, brightness));
        }
    }

    private static string? PlainState(ReadOnlySpan<byte> payload) =>
        payload.SequenceEqual("ON"u8) ? "ON" : payload.SequenceEqual("OFF"u8) ? "OFF" : null;

    public static LightCommandParseResult Parse(string payload) =>
        Parse(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(payload)));
}
