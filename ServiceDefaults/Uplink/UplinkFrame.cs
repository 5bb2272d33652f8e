using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>
/// One uplink WebSocket text message (docs/protocols.md, "VendorCloud to DeviceGateway"): a JSON object
/// whose <c>type</c> names the frame. The one contract of both ends: the gateway and the vendor are the same maker's.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HelloFrame), "hello")]
[JsonDerivedType(typeof(CommandFrame), "command")]
[JsonDerivedType(typeof(ResultFrame), "result")]
[JsonDerivedType(typeof(DeviceFrame), "device")]
public abstract record UplinkFrame;

/// <summary>
/// Gateway to vendor, first after every (re)connect: the whole device table, and the state of the
/// home's own links (<c>band24</c> "on"/"off", <c>broadband</c> "up") for the diagnosis.
/// </summary>
public sealed record HelloFrame(string HomeId, IReadOnlyList<UplinkDevice> Devices, string? Band24 = null, string? Broadband = null)
    : UplinkFrame;

/// <summary>One device in a <see cref="HelloFrame"/>.</summary>
public sealed record UplinkDevice(string DeviceId, bool Online, LightState? State = null);

/// <summary>Vendor to gateway: change a device. <see cref="Id"/> is echoed in the result; trace context in W3C form.</summary>
public sealed record CommandFrame(string Id, string DeviceId, LightState Command, string? Traceparent = null, string? Tracestate = null)
    : UplinkFrame;

/// <summary>Gateway to vendor: the answer to a command.</summary>
public sealed record ResultFrame(string Id, string DeviceId, ResultStatus Status, LightState? State = null, string? Error = null)
    : UplinkFrame;

/// <summary>
/// Gateway to vendor: a device's availability or state changed, with the trace context of what changed it and, for a
/// state the plug published with one, its <see cref="ChangeCause"/> (null for an availability change or when unknown).
/// </summary>
public sealed record DeviceFrame(string DeviceId, bool Online, LightState? State = null, string? Traceparent = null, string? Tracestate = null,
    string? Cause = null)
    : UplinkFrame;
