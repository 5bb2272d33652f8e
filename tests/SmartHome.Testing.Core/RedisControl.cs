namespace SmartHome.Testing;

/// <summary>The world's Redis, through Aspire's lifecycle commands (the dashboard's Stop, Start, Restart).</summary>
public sealed class RedisControl
{
    private readonly SmartHomeWorld _world;

    internal RedisControl(SmartHomeWorld world) => _world = world;

    /// <summary>Redis restarts and is waited for until healthy (what was persisted comes back). The handle is already undone.</summary>
    public Task<ActiveFault> RestartAsync(CancellationToken cancellationToken = default)
        => _world.RestartResourceAsync("redis", "redis-restart", cancellationToken);

    /// <summary>Redis stops. Undo: Start, waited for until healthy.</summary>
    public Task<ActiveFault> StopAsync(CancellationToken cancellationToken = default)
        => _world.StopResourceAsync("redis", "redis-stop", cancellationToken);

    /// <summary>The connection string the services use.</summary>
    public async Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default)
        => await _world.GetConnectionStringAsync("redis", cancellationToken) ?? throw new SmartHomeWorldException("redis has no connection string");
}
