using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The vendor's chain metrics: directives by namespace, name and outcome; uplinks up and devices online.</summary>
public sealed class VendorMetricsTests : IDisposable
{
    private readonly TestWorld _world = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public VendorMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this world's meter: other tests' worlds run in parallel.
            if (instrument.Meter.Name == VendorCloudTelemetry.SourceName && instrument.Meter.Scope == _world.Meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
    }

    private long Gauge(string name)
    {
        lock (_measurements)
        {
            _measurements.Clear();
        }

        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            return Assert.Single(_measurements, m => m.Name == name).Value;
        }
    }

    private (string? Namespace, string? Name, string? Outcome)[] Directives()
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Name == "smarthome.vendor.directives")
                .Select(m => ((string?)m.Tags["namespace"], (string?)m.Tags["name"], (string?)m.Tags["outcome"])).ToArray();
        }
    }

    [Fact]
    public async Task Directives_are_counted_by_namespace_name_and_outcome_and_a_malformed_header_is_not_a_dimension()
    {
        var linked = await _world.LinkAsync();
        _world.Uplinks.Connectivity = DeviceConnectivity.BridgeDown;

        await DirectiveJson.HandleAsync(_world, DirectiveJson.Discover(linked.AccessToken));
        await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", "not a token"));
        await DirectiveJson.HandleAsync(_world, System.Text.Encoding.UTF8.GetBytes("""{"directive":{"header":{"namespace":"x-1","name":"y"}}}"""));

        Assert.Equal(
        [
            ("Alexa.Discovery", "Discover", "success"),
            ("Alexa.PowerController", "TurnOn", "INVALID_AUTHORIZATION_CREDENTIAL"),
            ("(malformed)", "(malformed)", "INVALID_DIRECTIVE"),
        ], Directives());
    }

    [Fact]
    public void Gauges_count_homes_with_an_open_uplink_and_devices_reported_online()
    {
        Assert.Equal(0, Gauge("smarthome.vendor.uplinks_up"));
        Assert.Equal(0, Gauge("smarthome.vendor.devices_online"));

        var (server, _) = DuplexPipeStream.CreatePair();
        var connection = new UplinkConnection(TestWorld.HomeId, WebSocket.CreateFromStream(server, new WebSocketCreationOptions { IsServer = true }));
        _world.Registry.Register(connection);
        _world.Registry.SetAvailability(TestWorld.HomeId, TestWorld.DeviceId, online: true);
        _world.Registry.SetAvailability(TestWorld.HomeId, "plug-2", online: false);
        Assert.Equal(1, Gauge("smarthome.vendor.uplinks_up"));
        Assert.Equal(1, Gauge("smarthome.vendor.devices_online"));

        connection.MarkClosed();
        _world.Registry.Unregister(connection);
        Assert.Equal(0, Gauge("smarthome.vendor.uplinks_up"));
        Assert.Equal(0, Gauge("smarthome.vendor.devices_online"));
    }

    public void Dispose() => _listener.Dispose();
}
