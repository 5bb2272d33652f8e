using System.Text.Json.Serialization;

namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>The response to a rejected command: <c>{"error":"invalid_command","message":"..."}</c>.</summary>
public sealed record CommandError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message)
{
    public const string InvalidCommand = "invalid_command";

    public static CommandError Invalid(string message) => new(InvalidCommand, message);
}
