namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The assistant cloud's fault switches as this replica last read them: every request reads this copy, never Redis.
/// The switches themselves are the world's (<see cref="SharedAssistantFaults"/>): switched by a <c>/sim</c> call on any
/// replica, the same on all of them.
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
