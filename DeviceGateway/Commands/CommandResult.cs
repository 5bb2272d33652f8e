using System.Text.Json;
using SmartHome.DeviceGateway.Devices;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>What became of a command: the status, the state the plug confirmed, or why it failed.</summary>
internal sealed record CommandResult(CommandStatus Status, LightState? State = null, string? Error = null)
{
    public static CommandResult Ok(LightState state) => new(CommandStatus.Ok, state);

    public static CommandResult Offline(string deviceId) => new(CommandStatus.Offline, Error: $"device '{deviceId}' is offline");

    public static CommandResult TimedOut(string deviceId, TimeSpan after) =>
        new(CommandStatus.Timeout, Error: $"device '{deviceId}' did not answer within {after.TotalSeconds:0.#} s");

    public static CommandResult Rejected(string message) => new(CommandStatus.Rejected, Error: message);

    public static CommandResult Failed(string message) => new(CommandStatus.Error, Error: message);

    /// <summary>
    /// Reads a plug's response: <c>{"error":"invalid_command","message":"..."}</c> is a rejection,
    /// anything else is the full state after applying the command.
    /// </summary>
    public static CommandResult FromResponse(ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed("the device answered with something that is not a JSON object");
            }

            if (root.TryGetProperty("error", out var error))
            {
                var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String
                    ? text.GetString()
                    : null;
                return Rejected(message ?? error.ToString());
            }

            return Ok(root.Deserialize<LightState>(GatewayJson.Options)!);
        }
        catch (JsonException ex)
        {
            return Failed($"the device answered with malformed JSON: {ex.Message}");
        }
    }
}
