namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The assistant cloud's outage switch. In memory on purpose: the fault belongs to this process (a restart
/// ends it, as a redeploy would) and needs no Redis to be switched back.
/// </summary>
public sealed class AssistantFaults
{
    private volatile bool _outage;
    private volatile bool _eventGatewayDown;

    public bool Outage => _outage;

    /// <summary>The event gateway answers 503 SERVICE_UNAVAILABLE_EXCEPTION (the rest of the assistant keeps working).</summary>
    public bool EventGatewayDown => _eventGatewayDown;

    public void SetOutage(bool on) => _outage = on;

    public void SetEventGatewayDown(bool down) => _eventGatewayDown = down;

    public AssistantFaultsView View() => new(Outage, EventGatewayDown);
}

/// <summary>The answer of <c>GET /sim/faults</c>.</summary>
public sealed record AssistantFaultsView(bool Outage, bool EventGatewayDown = false);
