using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmartHome.VendorCloud.Seeding;

/// <summary>Whether the seeding has run; the <c>seed</c> health check reports it.</summary>
internal sealed class SeedStatus : IHealthCheck
{
    private volatile bool _completed;
    private volatile string _problem = "seeding has not run yet";

    public bool Completed => _completed;

    public void MarkCompleted() => _completed = true;

    public void MarkFailed(string problem) => _problem = problem;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_completed ? HealthCheckResult.Healthy("seeded") : HealthCheckResult.Unhealthy(_problem));
}
