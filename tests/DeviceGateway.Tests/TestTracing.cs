using System.Diagnostics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Records the gateway's activities, so that spans (and trace context) exist in tests.</summary>
internal sealed class TestTracing : IDisposable
{
    private readonly ActivityListener _listener;

    public TestTracing()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GatewayTelemetry.SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public const string TestSourceName = "SmartHome.DeviceGateway.Tests";

    public static readonly ActivitySource TestSource = new(TestSourceName);

    public void Dispose() => _listener.Dispose();
}
