using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>Whether the default world's user is linked and discovered; the `seed` health check reads it.</summary>
internal sealed class SeedStatus : IHealthCheck
{
    private volatile string _state = "not started";
    private volatile bool _done;

    public bool IsDone => _done;

    public void Report(string state) => _state = state;

    public void Complete(string state)
    {
        _state = state;
        _done = true;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy(_state) : HealthCheckResult.Unhealthy(_state));
}
