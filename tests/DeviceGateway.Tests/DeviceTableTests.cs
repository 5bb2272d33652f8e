using Microsoft.Extensions.Time.Testing;
using SmartHome.DeviceGateway.Devices;

namespace SmartHome.DeviceGateway.Tests;

public class DeviceTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DeviceTable _table;

    public DeviceTableTests()
    {
        _table = new DeviceTable(_clock);
    }

    [Fact]
    public void Reports_only_real_changes_in_order()
    {
        var changes = new List<DeviceSnapshot>();
        _table.Changed += change => changes.Add(change.Device);

        Assert.True(_table.SetAvailability("plug-1", true));
        Assert.False(_table.SetAvailability("plug-1", true));
        Assert.True(_table.SetState("plug-1", new LightState("ON", 40)));
        Assert.False(_table.SetState("plug-1", new LightState("ON", 40)));
        Assert.True(_table.SetAvailability("plug-1", false));

        Assert.Equal(
        [
            new DeviceSnapshot("plug-1", true, null, Start),
            new DeviceSnapshot("plug-1", true, new LightState("ON", 40), Start),
            new DeviceSnapshot("plug-1", false, new LightState("ON", 40), Start),
        ], changes);
        Assert.Equal(new DeviceSnapshot("plug-1", false, new LightState("ON", 40), Start), _table.Find("plug-1"));
    }

    [Fact]
    public void State_before_availability_leaves_the_device_offline()
    {
        _table.SetState("plug-2", new LightState("OFF", 10));
        _table.SetAvailability("plug-1", true);

        Assert.Equal(
            [new DeviceSnapshot("plug-1", true, null, Start), new DeviceSnapshot("plug-2", false, new LightState("OFF", 10), Start)],
            _table.Snapshot());
        Assert.Null(_table.Find("plug-3"));
    }

    [Fact]
    public void Since_is_when_the_availability_last_changed()
    {
        _table.SetAvailability("plug-1", true);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _table.SetState("plug-1", new LightState("ON", 40));
        _table.SetAvailability("plug-1", true);
        // Neither a new state nor a repeated "online" moves it.
        Assert.Equal(Start, _table.Find("plug-1")!.Since);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _table.SetAvailability("plug-1", false);
        Assert.Equal(Start.AddMinutes(2), _table.Find("plug-1")!.Since);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _table.SetAvailability("plug-1", false);
        Assert.Equal(Start.AddMinutes(2), _table.Find("plug-1")!.Since);

        _clock.Advance(TimeSpan.FromDays(3));
        _table.SetAvailability("plug-1", true);
        Assert.Equal(new DeviceSnapshot("plug-1", true, new LightState("ON", 40), Start.AddMinutes(3).AddDays(3)), _table.Find("plug-1"));
    }

    [Fact]
    public void Since_starts_when_the_gateway_first_hears_of_the_device()
    {
        _clock.Advance(TimeSpan.FromSeconds(5));
        _table.SetState("plug-1", new LightState("OFF", 10));
        Assert.Equal(Start.AddSeconds(5), _table.Find("plug-1")!.Since);

        // Its retained availability "offline" is no change: it has been offline since it was first heard of.
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(_table.SetAvailability("plug-1", false));
        Assert.Equal(Start.AddSeconds(5), _table.Find("plug-1")!.Since);

        _clock.Advance(TimeSpan.FromSeconds(5));
        _table.SetAvailability("plug-2", false);
        Assert.Equal(new DeviceSnapshot("plug-2", false, null, Start.AddSeconds(15)), _table.Find("plug-2"));
    }

    [Fact]
    public async Task No_change_happens_while_a_snapshot_is_being_taken_over()
    {
        _table.SetAvailability("plug-1", true);
        var changing = Task.CompletedTask;
        var seen = new List<DeviceChange>();
        _table.Changed += seen.Add;

        _table.WithSnapshot(snapshot =>
        {
            changing = Task.Run(() => _table.SetAvailability("plug-1", false));
            // The change waits for the snapshot holder.
            Assert.False(changing.Wait(TimeSpan.FromMilliseconds(100)));
            Assert.Equal([new DeviceSnapshot("plug-1", true, null, Start)], snapshot);
            Assert.Empty(seen);
        });

        await changing.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(Assert.Single(seen).Device.Online);
    }
}
