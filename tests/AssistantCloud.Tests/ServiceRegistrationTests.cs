using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void The_services_time_is_the_simulation_clock()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.AddAssistantCloud();
        using var host = builder.Build();

        var clock = host.Services.GetRequiredService<SimulationClock>();
        Assert.Same(clock, host.Services.GetRequiredService<TimeProvider>());

        // What the world's clock does (applied by WorldMember) must reach the expiry checks.
        var before = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.True(clock.TryApply(new WorldClockReading(1, TimeSpan.FromDays(365))));
        Assert.True(host.Services.GetRequiredService<TimeProvider>().GetUtcNow() - before >= TimeSpan.FromDays(365));
    }
}
