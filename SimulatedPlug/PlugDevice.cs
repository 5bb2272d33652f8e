using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Memory;

namespace SmartHome.SimulatedPlug;

/// <summary>
/// The plug itself: its dimmer, changed by commands and by the button from any thread, and
/// remembered in flash (<see cref="PlugMemory"/>) on every change. Unplugged, it does nothing and
/// its working memory is gone; plugged back in, it boots from flash. An on/off plug has the same
/// switch without a dimmer: it takes no brightness.
/// </summary>
internal sealed class PlugDevice(PlugIdentity identity, PlugMemory memory)
{
    public const string NoPower = "the plug has no power";
    public const string NoBrightness = "this is an on/off plug: it has no brightness";

    private readonly Lock _lock = new();
    private Dimmer _dimmer = Dimmer.FactoryDefault(identity.MinimumLevel);
    private bool _changedSinceBoot;
    private bool _isPowered = true;

    public PlugIdentity Identity => identity;

    public string DeviceId => identity.DeviceId;

    public Dimmer Current
    {
        get
        {
            lock (_lock)
            {
                return _dimmer;
            }
        }
    }

    public bool IsPowered
    {
        get
        {
            lock (_lock)
            {
                return _isPowered;
            }
        }
    }

    /// <summary>What the lamp gives right now: nothing without power.</summary>
    public int LampOutputPercent
    {
        get
        {
            lock (_lock)
            {
                return _isPowered ? _dimmer.LampOutputPercent : 0;
            }
        }
    }

    public DimmerCommandResult Apply(LightCommand command)
    {
        lock (_lock)
        {
            if (!_isPowered)
            {
                return new DimmerCommandResult(_dimmer, NoPower);
            }

            if (!identity.IsDimmable && command.Brightness is not null)
            {
                return new DimmerCommandResult(_dimmer, NoBrightness);
            }

            var result = _dimmer.Apply(command);
            if (result.Accepted)
            {
                Change(result.Dimmer);
            }

            return result;
        }
    }

    /// <summary>The physical button: toggles power; null when the plug has no power.</summary>
    public Dimmer? PressButton()
    {
        lock (_lock)
        {
            if (!_isPowered)
            {
                return null;
            }

            Change(_dimmer.Toggle());
            return _dimmer;
        }
    }

    /// <summary>
    /// Comes back in the state kept in flash. A change made while flash was being read wins, since
    /// it is newer than anything flash holds.
    /// </summary>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        if (await memory.RecallAsync(cancellationToken) is not { } remembered)
        {
            return false;
        }

        lock (_lock)
        {
            if (_changedSinceBoot)
            {
                return false;
            }

            _dimmer = new Dimmer(remembered.IsOn, remembered.Level, _dimmer.MinimumLevel);
            return true;
        }
    }

    /// <summary>Power loss: the lamp goes dark and the plug stops.</summary>
    public void Unplug()
    {
        lock (_lock)
        {
            _isPowered = false;
        }
    }

    /// <summary>Power back: boot from factory defaults, then from flash, as a real plug does.</summary>
    public async Task PlugInAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_isPowered)
            {
                return;
            }

            _dimmer = Dimmer.FactoryDefault(_dimmer.MinimumLevel);
            _changedSinceBoot = false;
        }

        try
        {
            await RestoreAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _isPowered = true;
            }
        }
    }

    /// <summary>A reset of the world: powered, in its factory state, as a fresh plug with empty flash.</summary>
    public void ResetToFactory()
    {
        lock (_lock)
        {
            _dimmer = Dimmer.FactoryDefault(_dimmer.MinimumLevel);
            _changedSinceBoot = false;
            _isPowered = true;
        }
    }

    private void Change(Dimmer dimmer)
    {
        _dimmer = dimmer;
        _changedSinceBoot = true;
        memory.Remember(dimmer);
    }
}
