namespace SmartHome.LoadDriver;

/// <summary>Where a request stood towards the run's fault: what its person could feel.</summary>
public enum FaultExposure
{
    /// <summary>No fault in this run, or the request was meant to start outside the fault's window.</summary>
    OutsideWindow,

    /// <summary>In the window, to a home that kept its broadband.</summary>
    WindowOtherHome,

    /// <summary>In the window, to a home that lost it.</summary>
    WindowFaultedHome,
}
