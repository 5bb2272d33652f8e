namespace SmartHome.LoadDriver;

/// <summary>Where a request stood towards the run's fault: what its person could feel.</summary>
public enum FaultExposure
{
    /// <summary>A run without a fault.</summary>
    NoFault,

    /// <summary>Meant to start before the fault's window.</summary>
    BeforeWindow,

    /// <summary>In the window, to a home that kept its broadband.</summary>
    WindowOtherHome,

    /// <summary>In the window, to a home that lost it.</summary>
    WindowFaultedHome,

    /// <summary>Meant to start after the window: any error here is the time the chain took to recover.</summary>
    AfterWindow,
}
