namespace SmartHome.SimulatedPlug.Radio;

/// <summary>
/// The simulation's fault switches on the plug. The radio is up only while the plug has power and
/// its Wi-Fi is on; switching either off drops the link the way a real one drops (see
/// <see cref="PlugRadio"/>).
/// </summary>
internal sealed class PlugSwitches(PlugRadio radio, PlugDevice device)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _wifiOn = true;

    public bool WifiOn => Volatile.Read(ref _wifiOn);

    public async Task SetWifiAsync(bool on, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _wifiOn, on);
            ApplyToRadio();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task UnplugAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            device.Unplug();
            ApplyToRadio();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PlugInAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Boot first: the plug joins the broker with the state it came back in.
            await device.PlugInAsync(cancellationToken);
            ApplyToRadio();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A reset of the world: Wi-Fi on, plugged in, in its factory state.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _wifiOn, true);
            device.ResetToFactory();
            ApplyToRadio();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ApplyToRadio()
    {
        if (WifiOn && device.IsPowered)
        {
            radio.SwitchOn();
        }
        else
        {
            radio.SwitchOff();
        }
    }
}
