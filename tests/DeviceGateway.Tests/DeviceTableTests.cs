using SmartHome.DeviceGateway.Devices;

namespace SmartHome.DeviceGateway.Tests;

public class DeviceTableTests
{
    [Fact]
    public void Reports_only_real_changes_in_order()
    {
        var table = new DeviceTable();
        var changes = new List<DeviceSnapshot>();
        table.Changed += change => changes.Add(change.Device);

        Assert.True(table.SetAvailability("plug-1", true));
        Assert.False(table.SetAvailability("plug-1", true));
        Assert.True(table.SetState("plug-1", new LightState("ON", 40)));
        Assert.False(table.SetState("plug-1", new LightState("ON", 40)));
        Assert.True(table.SetAvailability("plug-1", false));

        Assert.Equal(
        [
            new DeviceSnapshot("plug-1", true, null),
            new DeviceSnapshot("plug-1", true, new LightState("ON", 40)),
            new DeviceSnapshot("plug-1", false, new LightState("ON", 40)),
        ], changes);
        Assert.Equal(new DeviceSnapshot("plug-1", false, new LightState("ON", 40)), table.Find("plug-1"));
    }

    [Fact]
    public void State_before_availability_leaves_the_device_offline()
    {
        var table = new DeviceTable();

        table.SetState("plug-2", new LightState("OFF", 10));
        table.SetAvailability("plug-1", true);

        Assert.Equal(
            [new DeviceSnapshot("plug-1", true, null), new DeviceSnapshot("plug-2", false, new LightState("OFF", 10))],
            table.Snapshot());
        Assert.Null(table.Find("plug-3"));
    }

    [Fact]
    public async Task No_change_happens_while_a_snapshot_is_being_taken_over()
    {
        var table = new DeviceTable();
        table.SetAvailability("plug-1", true);
        var changing = Task.CompletedTask;
        var seen = new List<DeviceChange>();
        table.Changed += seen.Add;

        table.WithSnapshot(snapshot =>
        {
            changing = Task.Run(() => table.SetAvailability("plug-1", false));
            // The change waits for the snapshot holder.
            Assert.False(changing.Wait(TimeSpan.FromMilliseconds(100)));
            Assert.Equal([new DeviceSnapshot("plug-1", true, null)], snapshot);
            Assert.Empty(seen);
        });

        await changing.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(Assert.Single(seen).Device.Online);
    }
}
