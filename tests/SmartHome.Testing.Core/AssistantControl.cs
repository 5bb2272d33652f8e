namespace SmartHome.Testing;

/// <summary>The assistant cloud's switches (<c>/sim/outage</c>, <c>/sim/event-gateway</c> on <c>assistantcloud</c>).</summary>
public sealed class AssistantControl
{
    private readonly SmartHomeWorld _world;

    internal AssistantControl(SmartHomeWorld world) => _world = world;

    /// <summary>The assistant's cloud goes down: utterances get 503 (the diagnosis still answers). Undo: outage off.</summary>
    public async Task<ActiveFault> OutageAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("assistantcloud", "/sim/outage/on", null, cancellationToken);
        return new ActiveFault("assistant-outage", token => _world.PostAsync("assistantcloud", "/sim/outage/off", null, token));
    }

    /// <summary>The assistant's event gateway goes down: the vendor's reports get 503. Undo: up.</summary>
    public async Task<ActiveFault> EventGatewayDownAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync("assistantcloud", "/sim/event-gateway/down", null, cancellationToken);
        return new ActiveFault("event-gateway-down", token => _world.PostAsync("assistantcloud", "/sim/event-gateway/up", null, token));
    }
}
