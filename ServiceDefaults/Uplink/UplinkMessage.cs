namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>One complete uplink WebSocket message.</summary>
public sealed record UplinkMessage(bool IsText, byte[] Payload);
