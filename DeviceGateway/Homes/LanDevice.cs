namespace SmartHome.DeviceGateway.Homes;

/// <summary>A device on the gateway's broker: its home, its id in that home, and its MQTT name (username and client id).</summary>
internal sealed record LanDevice(string HomeId, string DeviceId, string MqttName);
