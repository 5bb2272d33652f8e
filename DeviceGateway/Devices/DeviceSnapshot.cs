namespace SmartHome.DeviceGateway.Devices;

/// <summary>
/// What the gateway last heard from one device: its availability, its retained state, and
/// <see cref="Since"/>, when its availability last changed (or when the gateway first heard of it).
/// </summary>
internal sealed record DeviceSnapshot(string DeviceId, bool Online, LightState? State, DateTimeOffset Since);
