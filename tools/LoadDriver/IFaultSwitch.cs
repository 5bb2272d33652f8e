namespace SmartHome.LoadDriver;

/// <summary>Turns a fault on and off in one home.</summary>
public interface IFaultSwitch
{
    Task SetAsync(string homeId, bool faulted, CancellationToken cancellationToken);
}
