namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The assistant cloud's outage switch. In memory on purpose: the fault belongs to this process (a restart
/// ends it, as a redeploy would) and needs no Redis to be switched back.
/// </summary>
public sealed class AssistantFaults
{
    private volatile bool _outage;

    public bool Outage => _outage;

    public void SetOutage(bool on) => _outage = on;

    public AssistantFaultsView View() => new(Outage);
}

/// <summary>The answer of <c>GET /sim/faults</c>.</summary>
public sealed record AssistantFaultsView(bool Outage);
