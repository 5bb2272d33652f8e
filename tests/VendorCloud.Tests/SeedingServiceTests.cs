using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Seeding;
using SmartHome.VendorCloud.Tests.Fakes;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The start-up seeding: Redis away is waited out on the service's clock; missing configuration is not retried.</summary>
public sealed class SeedingServiceTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryVendorDirectory _stored = new();
    private readonly AwayVendorDirectory _directory;
    private readonly WorldOptions _world = new()
    {
        OwnerPassword = "password",
        GatewaySecret = "gateway-secret",
    };
    private readonly SeedStatus _status = new();
    private readonly ServiceProvider _services;
    private readonly IHostedService _seeding;

    public SeedingServiceTests()
    {
        _directory = new AwayVendorDirectory(_stored);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IVendorDirectory>(_directory);
        services.AddSingleton(new SmartHome.ServiceDefaults.Worlds.WorldSource(SmartHome.ServiceDefaults.Worlds.World.Default));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_world));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            new OAuthOptions { ClientId = "assistant", ClientSecret = "client-secret", RedirectUri = "http://localhost:1/cb" }));
        services.AddSingleton<Microsoft.Extensions.Logging.ILogger<VendorWorldSeeder>>(NullLogger<VendorWorldSeeder>.Instance);
        // The return path off (not configured), as on a machine without the assistant's event gateway.
        services.AddSingleton(new TestWorld().Reporter);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SmartHome.VendorCloud.Conformance.ConformanceOptions()));
        services.AddSingleton<Microsoft.Extensions.Logging.ILogger<SmartHome.VendorCloud.Conformance.ConformanceAccountSeeder>>(
            NullLogger<SmartHome.VendorCloud.Conformance.ConformanceAccountSeeder>.Instance);
        services.AddSingleton<SmartHome.VendorCloud.Conformance.ConformanceAccountSeeder>();
        services.AddSingleton<VendorWorldSeeder>();
        _services = services.BuildServiceProvider();
        _seeding = new SeedingService(_services, _services.GetRequiredService<SmartHome.ServiceDefaults.Worlds.WorldSource>(), _status, _time, NullLogger<SeedingService>.Instance);
    }

    [Fact]
    public async Task Redis_away_is_retried_every_two_seconds_of_the_services_clock_until_the_world_is_seeded()
    {
        _directory.Outages = 2;
        await _seeding.StartAsync(CancellationToken.None);

        await UntilAsync(() => HealthAsync().Result.Description!.Contains("retrying", StringComparison.Ordinal));
        Assert.Equal(HealthStatus.Unhealthy, (await HealthAsync()).Status);

        // The second attempt comes only once the delay has passed on the service's clock (real time does not count).
        var failedAt = _time.GetUtcNow();
        await AdvanceUntilAsync(() => _directory.Attempts >= 2);
        Assert.True(_time.GetUtcNow() - failedAt >= RetryDelay, $"retried after {_time.GetUtcNow() - failedAt}");
        await AdvanceUntilAsync(() => _status.Completed);

        Assert.Equal(3, _directory.Attempts);
        Assert.Single(_stored.Accounts);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task Missing_configuration_is_not_retried_and_health_says_which_key()
    {
        _world.GatewaySecret = "";
        await _seeding.StartAsync(CancellationToken.None);

        await UntilAsync(() => HealthAsync().Result.Description!.Contains("World:GatewaySecret", StringComparison.Ordinal));
        _time.Advance(RetryDelay * 5);
        await Task.Delay(100);

        var health = await HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("World:GatewaySecret", health.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", health.Description, StringComparison.Ordinal);
        Assert.False(_status.Completed);
    }

    private Task<HealthCheckResult> HealthAsync() => _status.CheckHealthAsync(new());

    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _seeding.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
