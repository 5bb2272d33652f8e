namespace SmartHome.SimulatedPlug.Radio;

/// <summary>
/// The simulation's fault switches on the plug. The radio is up only while the plug has power and
/// its Wi-Fi is on; switching either off drops the link the way a real one drops (see
/// <see cref="PlugRadio"/>).
/// </summary>
internal sealed partial class PlugSwitches(PlugRadio radio, PlugDevice device, ILogger<PlugSwitches> logger)
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

    // The fault is logged here, where it starts and ends, once each: not by the MQTT loop, which may be
    // between sessions (in a backoff) when the radio goes off.
    private void ApplyToRadio()
    {
        var cause = !device.IsPowered ? "unplugged" : "Wi-Fi off";
        if (WifiOn && device.IsPowered)
        {
            if (radio.SwitchOn())
            {
                LogRadioOn(logger);
            }
        }
        else if (radio.SwitchOff())
        {
            LogRadioOff(logger, cause);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Radio off ({Cause}): the link to the broker is silent; no reconnect until it is back")]
    private static partial void LogRadioOff(ILogger logger, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Radio back on: reconnecting to the broker")]
    private static partial void LogRadioOn(ILogger logger);
}
