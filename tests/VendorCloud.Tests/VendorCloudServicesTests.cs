using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests;

public sealed class VendorCloudServicesTests
{
    [Fact]
    public void Every_expiry_decision_takes_time_from_the_simulation_clock()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.AddVendorCloud();
        using var services = builder.Services.BuildServiceProvider();

        var clock = Assert.IsType<SimulationClock>(services.GetRequiredService<TimeProvider>());
        Assert.Same(clock, services.GetRequiredService<SimulationClock>()); // the one that follows the world's clock
        var before = clock.GetUtcNow();
        Assert.True(services.GetRequiredService<SimulationClock>().TryApply(new WorldClockReading(1, TimeSpan.FromDays(366))));
        Assert.True(services.GetRequiredService<TimeProvider>().GetUtcNow() - before >= TimeSpan.FromDays(366));
    }

    [Fact]
    public void The_link_policy_is_read_from_configuration_and_an_unknown_one_fails_validation()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OAuth:LinkPolicy"] = "Sliding";
        builder.Configuration["OAuth:LinkMaxAgeDays"] = "30";
        builder.AddVendorCloud();
        using (var services = builder.Services.BuildServiceProvider())
        {
            var options = services.GetRequiredService<IOptions<OAuthOptions>>().Value;
            Assert.Equal(LinkPolicyKind.Sliding, options.Policy);
            Assert.Equal(30, options.LinkMaxAgeDays);
        }

        var bad = Host.CreateApplicationBuilder();
        bad.Configuration["OAuth:LinkPolicy"] = "Forever";
        bad.AddVendorCloud();
        using var badServices = bad.Services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => badServices.GetRequiredService<IOptions<OAuthOptions>>().Value);
        Assert.Contains("OAuth:LinkPolicy", error.Message, StringComparison.Ordinal);
    }
}
