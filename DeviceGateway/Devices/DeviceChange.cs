using System.Diagnostics;

namespace SmartHome.DeviceGateway.Devices;

/// <summary>
/// A device's availability or state changed; <see cref="Cause"/> is the trace of the MQTT message behind it, and
/// <see cref="ChangeCause"/> why the plug says its state changed (its <c>cause</c> user property), when it says.
/// </summary>
internal sealed record DeviceChange(DeviceSnapshot Device, ActivityContext Cause, string? ChangeCause = null);
