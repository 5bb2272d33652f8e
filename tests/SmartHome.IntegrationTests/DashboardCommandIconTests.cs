using Aspire.Hosting.ApplicationModel;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Every command the AppHost adds shows its icon in the dashboard: the dashboard looks the name up
/// in the Fluent UI System Icons (regular variant, 16, 20 or 24 px) and draws "?" when none exists.
/// Reads the app model only: nothing is started.
/// </summary>
public sealed class DashboardCommandIconTests
{
    private static readonly int[] DashboardIconSizes = [16, 20, 24];

    [Fact]
    public async Task EveryCommandIconNameExistsInTheDashboardsIconSet()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>()
            .WaitAsync(TimeSpan.FromMinutes(1));

        var commands = builder.Resources
            .SelectMany(resource => resource.Annotations.OfType<ResourceCommandAnnotation>()
                .Select(command => (Resource: resource.Name, command.DisplayName, command.IconName)))
            .ToList();

        Assert.NotEmpty(commands);
        var unresolved = commands
            .Where(command => command.IconName is null || !Resolves(command.IconName))
            .Select(command => $"{command.Resource} '{command.DisplayName}': {command.IconName ?? "(none)"}")
            .ToList();
        Assert.True(unresolved.Count == 0, "Icons the dashboard cannot draw: " + string.Join("; ", unresolved));
    }

    [Theory]
    [InlineData("Stethoscope", true)]
    [InlineData("KeyOff", false)]
    public void TheCheckTellsAnIconFromANonIcon(string name, bool exists) => Assert.Equal(exists, Resolves(name));

    private static bool Resolves(string iconName)
    {
        var icons = typeof(Microsoft.FluentUI.AspNetCore.Components.Icons.Regular.Size20).Assembly;
        return DashboardIconSizes.Any(size =>
            icons.GetType($"Microsoft.FluentUI.AspNetCore.Components.Icons.Regular.Size{size}+{iconName}") is not null);
    }
}
