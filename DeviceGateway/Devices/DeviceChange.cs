using System.Diagnostics;

namespace SmartHome.DeviceGateway.Devices;

/// <summary>A device's availability or state changed; <see cref="Cause"/> is the trace of the MQTT message behind it.</summary>
internal sealed record DeviceChange(DeviceSnapshot Device, ActivityContext Cause);
