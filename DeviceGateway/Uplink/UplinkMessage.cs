namespace SmartHome.DeviceGateway.Uplink;

/// <summary>One complete WebSocket message.</summary>
internal sealed record UplinkMessage(bool IsText, byte[] Payload);
