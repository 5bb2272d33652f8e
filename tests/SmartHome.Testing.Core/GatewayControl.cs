namespace SmartHome.Testing;

/// <summary>
/// One home's router and gateway (<c>/sim/wifi-band</c>, <c>/sim/broadband</c> on <c>devicegateway</c>, <c>?home=</c>; with
/// sharded simulators on the home's shard, <see cref="Resource"/>).
/// </summary>
public sealed class GatewayControl
{
    private readonly SmartHomeWorld _world;
    private readonly string _query;

    internal GatewayControl(SmartHomeWorld world, string? home)
    {
        _world = world;
        Home = home ?? "home-1";
        _query = $"?home={Uri.EscapeDataString(Home)}";
        Resource = world.GatewayResource(Home);
    }

    public string Home { get; }

    /// <summary>The gateway process that runs the home (<c>devicegateway</c>, or its shard's <c>devicegateway-k</c>).</summary>
    public string Resource { get; }

    /// <summary>The router's 2.4 GHz band goes off: the home's plugs lose Wi-Fi. Undo: band on.</summary>
    public Task<ActiveFault> BandOffAsync(CancellationToken cancellationToken = default)
        => SwitchAsync("/sim/wifi-band/off", "/sim/wifi-band/on", $"band-off {Home}", cancellationToken);

    /// <summary>The home loses its internet: the gateway's uplink to the vendor is cut. Undo: broadband up.</summary>
    public Task<ActiveFault> BroadbandDownAsync(CancellationToken cancellationToken = default)
        => SwitchAsync("/sim/broadband/down", "/sim/broadband/up", $"broadband-down {Home}", cancellationToken);

    /// <summary>
    /// The gateway process restarts (the dashboard's Restart; every home's gateway of its process, the home's shard) and
    /// is waited for until healthy. The handle is already undone: a restart ends by itself.
    /// </summary>
    public Task<ActiveFault> RestartAsync(CancellationToken cancellationToken = default)
        => _world.RestartResourceAsync(Resource, "gateway-restart", cancellationToken);

    /// <summary>The gateway loses power (Aspire's Stop). Undo: Start, waited for until healthy.</summary>
    public Task<ActiveFault> PowerOffAsync(CancellationToken cancellationToken = default)
        => _world.StopResourceAsync(Resource, "gateway-power-off", cancellationToken);

    private async Task<ActiveFault> SwitchAsync(string on, string off, string name, CancellationToken cancellationToken)
    {
        await _world.PostAsync(Resource, on + _query, null, cancellationToken);
        return new ActiveFault(name, token => _world.PostAsync(Resource, off + _query, null, token));
    }
}
