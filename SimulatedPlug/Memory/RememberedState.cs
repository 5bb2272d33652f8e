namespace SmartHome.SimulatedPlug.Memory;

/// <summary>What the plug keeps in flash: power and dimmer level.</summary>
internal sealed record RememberedState(bool IsOn, int Level);
