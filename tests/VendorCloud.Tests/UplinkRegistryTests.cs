using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The registry's bookkeeping of each home's uplink, on the simulation clock.</summary>
public sealed class UplinkRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly UplinkRegistry _registry;

    public UplinkRegistryTests() => _registry = new UplinkRegistry(_time);

    private static UplinkConnection NewConnection(string homeId = TestWorld.HomeId) =>
        new(homeId, WebSocket.CreateFromStream(DuplexPipeStream.CreatePair().Server, new WebSocketCreationOptions { IsServer = true }));

    [Fact]
    public void A_home_never_seen_is_not_connected_and_has_no_times()
    {
        Assert.Equal(new HomeUplinkState(false, null, null), _registry.GetStatus(TestWorld.HomeId));
    }

    [Fact]
    public void Connect_frames_and_drop_are_stamped_with_the_clock()
    {
        var connectedAt = _time.GetUtcNow();
        var connection = NewConnection();
        _registry.Register(connection);
        Assert.Equal(new HomeUplinkState(true, connectedAt, null), _registry.GetStatus(TestWorld.HomeId));

        _time.Advance(TimeSpan.FromSeconds(5));
        _registry.RecordFrame(TestWorld.HomeId);
        _time.Advance(TimeSpan.FromSeconds(5));
        var lastFrameAt = _time.GetUtcNow();
        _registry.RecordFrame(TestWorld.HomeId);
        Assert.Equal(new HomeUplinkState(true, connectedAt, lastFrameAt), _registry.GetStatus(TestWorld.HomeId));

        _time.Advance(TimeSpan.FromMinutes(1));
        var droppedAt = _time.GetUtcNow();
        connection.MarkClosed();
        Assert.True(_registry.Unregister(connection));
        Assert.Equal(new HomeUplinkState(false, droppedAt, lastFrameAt), _registry.GetStatus(TestWorld.HomeId));

        _time.Advance(TimeSpan.FromMinutes(1));
        var reconnectedAt = _time.GetUtcNow();
        _registry.Register(NewConnection());
        Assert.Equal(new HomeUplinkState(true, reconnectedAt, lastFrameAt), _registry.GetStatus(TestWorld.HomeId));
        Assert.Equal(new HomeUplinkState(false, null, null), _registry.GetStatus("home-9"));
    }

    [Fact]
    public void A_closed_socket_still_registered_is_not_connected()
    {
        var connection = NewConnection();
        _registry.Register(connection);

        connection.MarkClosed();

        Assert.False(_registry.GetStatus(TestWorld.HomeId).Connected);
    }

    [Fact]
    public void A_replaced_uplink_keeps_the_home_connected_since_the_newer_one_and_its_late_cleanup_drops_nothing()
    {
        var older = NewConnection();
        _registry.Register(older);
        _time.Advance(TimeSpan.FromSeconds(30));
        var newerAt = _time.GetUtcNow();
        _registry.Register(NewConnection());

        _time.Advance(TimeSpan.FromSeconds(1));
        older.MarkClosed();
        Assert.False(_registry.Unregister(older));

        Assert.Equal(new HomeUplinkState(true, newerAt, null), _registry.GetStatus(TestWorld.HomeId));
    }

    [Fact]
    public void Homes_with_the_same_device_id_each_keep_their_own_availability()
    {
        // Every home of a fleet has a plug-1: one home's report must not overwrite another's.
        _registry.SetAvailability("home-1", "plug-1", true);
        _registry.SetAvailability("home-2", "plug-1", false);
        _registry.SetAvailability("home-3", "plug-1", true);

        Assert.True(_registry.GetAvailability("home-1", "plug-1"));
        Assert.False(_registry.GetAvailability("home-2", "plug-1"));
        Assert.True(_registry.GetAvailability("home-3", "plug-1"));
        Assert.Null(_registry.GetOfflineSince("home-1", "plug-1"));
        Assert.Equal(_time.GetUtcNow(), _registry.GetOfflineSince("home-2", "plug-1"));
        Assert.Equal(2, _registry.OnlineDevices);
    }

    [Fact]
    public void A_home_whose_uplink_drops_forgets_only_its_own_devices()
    {
        var home2 = NewConnection("home-2");
        _registry.Register(home2);
        _registry.SetAvailability("home-1", "plug-1", true);
        _registry.SetAvailability("home-2", "plug-1", true);

        Assert.True(_registry.Unregister(home2));

        Assert.Null(_registry.GetAvailability("home-2", "plug-1"));
        Assert.True(_registry.GetAvailability("home-1", "plug-1"));
    }
}
