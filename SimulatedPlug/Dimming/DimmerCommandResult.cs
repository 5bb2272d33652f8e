namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>The dimmer after a command; when the command was rejected, the unchanged dimmer and why.</summary>
public sealed record DimmerCommandResult(Dimmer Dimmer, string? Rejection)
{
    public bool Accepted => Rejection is null;
}
