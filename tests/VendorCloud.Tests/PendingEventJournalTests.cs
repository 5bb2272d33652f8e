using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Queued ChangeReports are kept beside the queue, loaded back after a restart, and forgotten once sent.</summary>
public sealed class PendingEventJournalTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private FakeEventGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeEventGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static SmartHome.VendorCloud.Accounts.Device Lamp => new(TestWorld.DeviceId, TestWorld.HomeId, FakeEventGateway.AccountId, "bedroom lamp",
        "SmartHome Devices", "DW3HL-SIM", null, null);

    [Fact]
    public async Task A_queued_ChangeReport_is_kept_as_merged_with_the_one_before_it()
    {
        _gateway.Grant();
        var at = _gateway.Time.GetUtcNow();
        var on = new DeviceShadow(TestWorld.DeviceId, "ON", 40, true, at);

        await _gateway.Reporter.DeviceChangedAsync(Lamp, on, on with { PowerState = "OFF" }, null, CancellationToken.None);
        await _gateway.Reporter.DeviceChangedAsync(Lamp, on with { PowerState = "OFF" }, on with { PowerState = "OFF", Brightness = 70 }, null,
            CancellationToken.None);

        var (_, kept) = Assert.Single(_gateway.Journal.Kept.Values);
        var draft = Assert.IsType<ChangeReportDraft>(kept.Draft);
        Assert.Equal(["brightness", "powerState"], draft.Changed.Order());
        Assert.Same(_gateway.Queue.Find(kept.Key), kept);
    }

    [Fact]
    public async Task Reports_kept_before_a_restart_are_sent_after_it_and_then_forgotten()
    {
        _gateway.Grant();
        // What the vendor had queued before it stopped: kept, not in the new process' queue.
        var before = _gateway.Change(power: "OFF");
        _gateway.Queue.Complete(before);
        await _gateway.Journal.SaveAsync(before, CancellationToken.None);
        Assert.Equal(0, _gateway.Queue.Count);

        using var stop = new CancellationTokenSource(Bound);
        await _gateway.Sender.StartAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => _gateway.Received.Count == 1 && _gateway.Journal.Kept.IsEmpty);
        }
        finally
        {
            await _gateway.Sender.StopAsync(CancellationToken.None);
        }

        var (_, report) = Assert.Single(_gateway.Received);
        Assert.Equal("ChangeReport", (string?)report["event"]!["header"]!["name"]);
        Assert.Equal("OFF", (string?)report["event"]!["payload"]!["change"]!["properties"]![0]!["value"]);
    }

    [Fact]
    public void A_kept_report_does_not_replace_a_newer_one_queued_since_the_restart()
    {
        var newer = _gateway.Change(power: "ON");
        var older = newer with { Draft = ((ChangeReportDraft)newer.Draft) with { Cause = ChangeCauses.AppInteraction } };

        Assert.False(_gateway.Queue.Restore(older));
        Assert.Same(newer, _gateway.Queue.Find(newer.Key));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
