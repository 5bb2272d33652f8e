namespace SmartHome.VendorCloud.Devices;

/// <summary>The state a home last reported for a device: power ("ON"/"OFF"), brightness 0..100, availability.</summary>
internal sealed record DeviceShadow(string DeviceId, string? PowerState, int? Brightness, bool Online, DateTimeOffset UpdatedAt);
