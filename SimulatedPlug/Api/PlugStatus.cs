using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug.Api;

/// <summary>What <c>GET /api/state</c> shows: the light as Home Assistant reports it, and the lamp.</summary>
internal sealed record PlugStatus(
    string HomeId,
    string DeviceId,
    string Power,
    int Brightness,
    int LampOutputPercent,
    int MinimumLevel,
    bool MqttConnected)
{
    public static PlugStatus Of(PlugDevice device, Dimmer dimmer, bool mqttConnected) => new(
        device.Identity.HomeId,
        device.DeviceId,
        // Unplugged, the light is off whatever its switch says.
        PowerState.From(dimmer.IsOn && device.IsPowered),
        dimmer.ToLightState().Brightness,
        device.IsPowered ? dimmer.LampOutputPercent : 0,
        dimmer.MinimumLevel,
        mqttConnected);
}
