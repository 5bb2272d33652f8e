using System.Text.Json.Serialization;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;

namespace SmartHome.DeviceGateway.Uplink;

/// <summary>
/// One uplink WebSocket text message (docs/protocols.md, "VendorCloud to DeviceGateway"):
/// a JSON object whose <c>type</c> names the frame.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HelloFrame), "hello")]
[JsonDerivedType(typeof(CommandFrame), "command")]
[JsonDerivedType(typeof(ResultFrame), "result")]
[JsonDerivedType(typeof(DeviceFrame), "device")]
internal abstract record UplinkFrame;

/// <summary>
/// Gateway to vendor, first after every (re)connect: the whole device table, and the state of the
/// home's own links (<c>band24</c> "on"/"off", <c>broadband</c> "up") for the diagnosis.
/// </summary>
internal sealed record HelloFrame(string HomeId, IReadOnlyList<UplinkDevice> Devices, string? Band24 = null, string? Broadband = null)
    : UplinkFrame;

/// <summary>One device in a <see cref="HelloFrame"/>.</summary>
internal sealed record UplinkDevice(string DeviceId, bool Online, LightState? State);

/// <summary>Vendor to gateway: change a device. <see cref="Id"/> is echoed in the result.</summary>
internal sealed record CommandFrame(string Id, string DeviceId, LightState Command, string? Traceparent = null, string? Tracestate = null)
    : UplinkFrame;

/// <summary>Gateway to vendor: the answer to a command.</summary>
internal sealed record ResultFrame(string Id, string DeviceId, CommandStatus Status, LightState? State = null, string? Error = null)
    : UplinkFrame;

/// <summary>Gateway to vendor: a device's availability or state changed.</summary>
internal sealed record DeviceFrame(string DeviceId, bool Online, LightState? State = null, string? Traceparent = null) : UplinkFrame;
