namespace SmartHome.Testing;

/// <summary>The world's one clock: every service follows it (<c>/sim/world/clock/advance</c>, <c>/sim/clock</c>).</summary>
public sealed class WorldClock
{
    private readonly SmartHomeWorld _world;

    internal WorldClock(SmartHomeWorld world) => _world = world;

    /// <summary>Moves the world forward by <paramref name="by"/> (it never goes back); every service has applied it when this returns.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default)
        => await _world.PostAsync("assistantcloud", "/sim/world/clock/advance", new { seconds = by.TotalSeconds }, cancellationToken);

    /// <summary>A service's clock as it applied the world's.</summary>
    public Task<ServiceClock> GetAsync(string service = "assistantcloud", CancellationToken cancellationToken = default)
        => _world.GetAsync<ServiceClock>(service, "/sim/clock", cancellationToken);

    /// <summary>The world's time now.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default) => (await GetAsync(cancellationToken: cancellationToken)).Now;
}
