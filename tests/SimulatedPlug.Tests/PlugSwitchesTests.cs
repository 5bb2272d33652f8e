using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Tests;

public sealed class PlugSwitchesTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestPlug _plug = new();
    private readonly PlugRadio _radio = new();
    private readonly FakeLogger<PlugSwitches> _log = new();
    private readonly PlugSwitches _switches;

    public PlugSwitchesTests() => _switches = new PlugSwitches(_radio, _plug.Device, _log);

    [Fact]
    public async Task Wifi_off_takes_the_radio_down_and_on_brings_it_back()
    {
        await _switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);
        Assert.False(_radio.IsOn);
        Assert.True(_plug.Device.IsPowered);

        await _switches.SetWifiAsync(on: true, CancellationToken.None).WaitAsync(Bound);
        Assert.True(_radio.IsOn);
    }

    [Fact]
    public async Task Unplugged_the_plug_is_dark_deaf_and_offline()
    {
        _plug.Device.Apply(new LightCommand(PowerState.On, 40));

        await _switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.False(_radio.IsOn);
        Assert.False(_plug.Device.IsPowered);
        Assert.Equal(0, _plug.Device.LampOutputPercent);
        Assert.Null(_plug.Device.PressButton());
        var rejected = _plug.Device.Apply(new LightCommand(null, 80));
        Assert.Equal(PlugDevice.NoPower, rejected.Rejection);
        Assert.Equal(40, _plug.Device.Current.Level);
    }

    [Fact]
    public async Task A_reset_of_the_world_puts_it_back_on_the_wifi_powered_and_in_its_factory_state()
    {
        _plug.Device.Apply(new LightCommand(PowerState.On, 40));
        await _switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);
        await _switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);

        await _switches.ResetAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.True(_switches.WifiOn);
        Assert.True(_radio.IsOn);
        Assert.True(_plug.Device.IsPowered);
        Assert.Equal(Dimmer.FactoryDefault(minimumLevel: 10), _plug.Device.Current);
    }

    [Fact]
    public async Task Plugged_back_in_it_boots_and_rejoins_unless_its_wifi_is_off()
    {
        _plug.Device.Apply(new LightCommand(PowerState.On, 40));
        await _switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);
        await _switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);

        await _switches.PlugInAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.True(_plug.Device.IsPowered);
        Assert.False(_radio.IsOn);
        // Working memory is gone and this test's flash (no Redis) holds nothing: factory defaults.
        Assert.Equal(Dimmer.FactoryDefault(minimumLevel: 10), _plug.Device.Current);

        await _switches.SetWifiAsync(on: true, CancellationToken.None).WaitAsync(Bound);
        Assert.True(_radio.IsOn);
    }

    [Fact]
    public async Task A_fault_is_logged_once_when_it_starts_and_once_when_it_ends_however_often_it_is_switched()
    {
        await _switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);
        await _switches.SetWifiAsync(on: false, CancellationToken.None).WaitAsync(Bound);
        // Unplugged while the Wi-Fi is off: the radio was already silent, no second fault.
        await _switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);
        await _switches.PlugInAsync(CancellationToken.None).WaitAsync(Bound);
        await _switches.SetWifiAsync(on: true, CancellationToken.None).WaitAsync(Bound);
        await _switches.SetWifiAsync(on: true, CancellationToken.None).WaitAsync(Bound);

        var records = _log.Collector.GetSnapshot();
        var warning = Assert.Single(records, r => r.Level == LogLevel.Warning);
        Assert.Contains("Radio off (Wi-Fi off)", warning.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Level == LogLevel.Information && r.Message.Contains("Radio back on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unplugging_names_its_cause()
    {
        await _switches.UnplugAsync(CancellationToken.None).WaitAsync(Bound);

        var warning = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("Radio off (unplugged)", warning.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _plug.Dispose();
}
