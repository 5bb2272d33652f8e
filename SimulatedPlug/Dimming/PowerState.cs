namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>The power values of the Home Assistant JSON light schema.</summary>
public static class PowerState
{
    public const string On = "ON";
    public const string Off = "OFF";

    public static string From(bool isOn) => isOn ? On : Off;
}
