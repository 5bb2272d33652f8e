using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Api;

/// <summary>The answer of <c>/sim/...</c>: <c>{"wifi":"on"|"off","power":"on"|"off"}</c>.</summary>
internal sealed record SimStatus(string Wifi, string Power)
{
    public static SimStatus Of(PlugSwitches switches, PlugDevice device) =>
        new(switches.WifiOn ? "on" : "off", device.IsPowered ? "on" : "off");
}
