namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>A parsed command, or why the payload is not one.</summary>
public sealed record LightCommandParseResult(LightCommand? Command, string? Error)
{
    public static LightCommandParseResult Valid(LightCommand command) => new(command, Error: null);

    public static LightCommandParseResult Invalid(string error) => new(Command: null, error);
}
