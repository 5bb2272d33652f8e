using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug;

/// <summary>
/// Who one simulated device is: its home and id (its MQTT namespace), its spoken name, its kind, its
/// dimmer's minimum level, and its name and password on the broker (<see cref="WorldMqttNames"/>,
/// <see cref="WorldSecrets.DeviceMqttPassword"/>).
/// </summary>
internal sealed record PlugIdentity(
    string HomeId,
    string DeviceId,
    string Name,
    DeviceKind Kind,
    int MinimumLevel,
    string MqttName,
    string? MqttPassword)
{
    public bool IsDimmable => Kind.IsDimmable();

    /// <summary>The identity of a declared device: its password derived from the seed, when the broker asks for one.</summary>
    public static PlugIdentity Of(World world, WorldHome home, WorldDevice device, PlugSettings settings) => new(
        home.Id,
        device.Id,
        device.Name,
        device.Kind,
        device.MinimumLevel ?? Dimmer.DefaultMinimumLevel,
        world.MqttName(home.Id, device.Id),
        settings.PasswordFor(world, home.Id, device.Id));

    // The broker password is a secret: never printed.
    public override string ToString() =>
        $"PlugIdentity {{ HomeId = {HomeId}, DeviceId = {DeviceId}, Kind = {Kind.ToWorldName()}, MqttName = {MqttName}, " +
        $"MqttPassword = {(MqttPassword is null ? "none" : "***")} }}";
}
