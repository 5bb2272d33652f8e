using SmartHome.DeviceGateway.Devices;

namespace SmartHome.DeviceGateway.Api;

/// <summary>The body of <c>GET /api/status</c>.</summary>
internal sealed record GatewayStatusResponse(
    string HomeId,
    UplinkStatusResponse Uplink,
    string Broadband,
    string Band24,
    IReadOnlyList<DeviceStatusResponse> Devices);

internal sealed record UplinkStatusResponse(bool Connected, DateTimeOffset Since);

internal sealed record DeviceStatusResponse(string DeviceId, bool Online, LightState? State);
