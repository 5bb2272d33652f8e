namespace SmartHome.DeviceGateway.Lan;

/// <summary>What the devices dial on <c>Mqtt:Port</c>: the embedded broker, or the band's relay to an external one.</summary>
internal interface ILanListener
{
    bool IsRunning { get; }

    /// <summary>For the health check: what listens where.</summary>
    string Describe();
}
