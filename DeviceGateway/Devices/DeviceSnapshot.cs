namespace SmartHome.DeviceGateway.Devices;

/// <summary>What the gateway last heard from one device: its availability and its retained state.</summary>
internal sealed record DeviceSnapshot(string DeviceId, bool Online, LightState? State);
