namespace SmartHome.ServiceDefaults;

/// <summary>
/// When a session may be tried at all (the plug's radio is on, the home's broadband is up: each an
/// <see cref="OpenSignal"/>): while it is closed the loop waits instead of dialing, and failures are not
/// faults of the session.
/// </summary>
public sealed record ReconnectGate(Func<bool> IsOpen, Func<CancellationToken, Task> WaitUntilOpenAsync);
