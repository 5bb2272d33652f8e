namespace SmartHome.DeviceGateway.Api;

/// <summary>The body of <c>GET /api/status</c> (docs/protocols.md, "DeviceGateway: the home's own status").</summary>
internal sealed record GatewayStatusResponse(
    string HomeId,
    UplinkStatusResponse Uplink,
    string Broadband,
    string Band24,
    IReadOnlyList<DeviceStatusResponse> Devices);

internal sealed record UplinkStatusResponse(bool Connected, DateTimeOffset Since);

/// <summary>One device; <see cref="Since"/> is when its availability last changed (or when the gateway first heard of it).</summary>
internal sealed record DeviceStatusResponse(string DeviceId, bool Online, LightState? State, DateTimeOffset Since);
