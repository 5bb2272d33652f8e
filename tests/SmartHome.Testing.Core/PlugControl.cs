using System.Text.Json;

namespace SmartHome.Testing;

/// <summary>
/// One plug's switches (<c>/sim/...?home=&amp;device=</c> on <c>simulatedplug</c>, or with sharded simulators on the home's
/// shard, <see cref="Resource"/>), the dashboard's plug commands.
/// </summary>
public sealed class PlugControl
{
    private readonly SmartHomeWorld _world;
    private readonly string _query;
    private readonly string _gateway;

    internal PlugControl(SmartHomeWorld world, string? home, string? device)
    {
        _world = world;
        Home = home ?? "home-1";
        Device = device ?? "plug-1";
        _query = $"?home={Uri.EscapeDataString(Home)}&device={Uri.EscapeDataString(Device)}";
        Resource = world.PlugResource(Home);
        _gateway = world.GatewayResource(Home);
    }

    /// <summary>The plug process that runs the home's devices (<c>simulatedplug</c>, or its shard's <c>simulatedplug-k</c>).</summary>
    public string Resource { get; }

    public string Home { get; }

    public string Device { get; }

    /// <summary>The plug's radio drops: no MQTT DISCONNECT; the broker publishes its last will after 1.5 x keep-alive. Undo: Wi-Fi on.</summary>
    public Task<ActiveFault> WifiOffAsync(CancellationToken cancellationToken = default)
        => SwitchAsync("/sim/wifi/off", "/sim/wifi/on", $"wifi-off {Home}/{Device}", cancellationToken);

    /// <summary>The plug's radio comes back (it reconnects by itself).</summary>
    public Task WifiOnAsync(CancellationToken cancellationToken = default) => _world.PostAsync(Resource, "/sim/wifi/on" + _query, null, cancellationToken);

    /// <summary>Power is lost: the plug goes silent and the lamp dark. Undo: plug in (it comes back in its power-on state).</summary>
    public Task<ActiveFault> UnplugAsync(CancellationToken cancellationToken = default)
        => SwitchAsync("/sim/unplug", "/sim/plug-in", $"unplug {Home}/{Device}", cancellationToken);

    public Task PlugInAsync(CancellationToken cancellationToken = default) => _world.PostAsync(Resource, "/sim/plug-in" + _query, null, cancellationToken);

    /// <summary>Someone at home presses the plug's button: it toggles and reports it up the chain when it can. Returns the state after.</summary>
    public async Task<PlugState> PressButtonAsync(CancellationToken cancellationToken = default)
    {
        await _world.PostAsync(Resource, "/api/button" + _query, null, cancellationToken);
        return await StateAsync(cancellationToken);
    }

    /// <summary>What the plug outputs now (<c>GET /api/state</c>).</summary>
    public Task<PlugState> StateAsync(CancellationToken cancellationToken = default)
        => _world.GetAsync<PlugState>(Resource, "/api/state" + _query, cancellationToken);

    /// <summary>Whether the gateway sees the plug online (its retained availability).</summary>
    public async Task<bool> IsOnlineAtGatewayAsync(CancellationToken cancellationToken = default)
    {
        var status = await _world.GetAsync<JsonElement>(_gateway, $"/api/status?home={Uri.EscapeDataString(Home)}", cancellationToken);
        return status.GetProperty("devices").EnumerateArray()
            .Any(d => d.GetProperty("deviceId").GetString() == Device && d.GetProperty("online").GetBoolean());
    }

    /// <summary>Waits (bounded) until the gateway sees the plug <paramref name="online"/>.</summary>
    public Task WaitUntilOnlineAsync(bool online = true, CancellationToken cancellationToken = default)
        => _world.EventuallyAsync(async () => await IsOnlineAtGatewayAsync(cancellationToken) == online,
            () => $"the gateway sees {Home}/{Device} {(online ? "online" : "offline")}", cancellationToken);

    private async Task<ActiveFault> SwitchAsync(string on, string off, string name, CancellationToken cancellationToken)
    {
        await _world.PostAsync(Resource, on + _query, null, cancellationToken);
        return new ActiveFault(name, token => _world.PostAsync(Resource, off + _query, null, token));
    }
}
