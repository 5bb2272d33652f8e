using System.Text.Json;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>
/// What became of a command: the status, the state the plug confirmed, or why it failed. <see cref="Error"/>
/// travels in the uplink's <c>result</c> frame; <see cref="Failure"/> (set on every failure) goes into the trace.
/// </summary>
internal sealed record CommandResult(ResultStatus Status, LightState? State = null, string? Error = null, FailedHop? Failure = null)
{
    public static CommandResult Ok(LightState state) => new(ResultStatus.Ok, state);

    /// <summary>The device's availability says <c>offline</c>.</summary>
    public static CommandResult Offline(string deviceId) =>
        new(ResultStatus.Offline, Error: $"device '{deviceId}' is offline", Failure: CommandFailure.PlugSaidOffline());

    /// <summary>The gateway has heard nothing from the device: to the vendor that is offline too.</summary>
    public static CommandResult NeverHeard(string deviceId) =>
        new(ResultStatus.Offline, Error: $"device '{deviceId}' is offline", Failure: CommandFailure.PlugNeverHeard());

    public static CommandResult TimedOut(string deviceId, TimeSpan after) =>
        new(ResultStatus.Timeout, Error: $"device '{deviceId}' did not answer within {after.TotalSeconds:0.#} s",
            Failure: CommandFailure.PlugSilent(after));

    public static CommandResult Rejected(string message) =>
        new(ResultStatus.Rejected, Error: message, Failure: CommandFailure.PlugRejected(message));

    /// <summary>The gateway's side failed (broker refused, publish failed, anything unexpected).</summary>
    public static CommandResult Failed(string message) =>
        new(ResultStatus.Error, Error: message, Failure: CommandFailure.Gateway(message));

    /// <summary>The device answered, but with <paramref name="what"/> instead of a state or an error.</summary>
    public static CommandResult Unreadable(string what) =>
        new(ResultStatus.Error, Error: $"the device answered with {what}", Failure: CommandFailure.PlugAnswerUnreadable(what));

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
                return Unreadable("something that is not a JSON object");
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
            return Unreadable($"malformed JSON: {ex.Message}");
        }
    }
}
