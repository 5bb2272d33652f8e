using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>The assistant's metrics on a meter factory of their own, as the host makes them.</summary>
internal static class TestMetrics
{
    public static IMeterFactory NewMeterFactory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static AssistantMetrics Create(LinkCounts? linkCounts = null) => new(NewMeterFactory(), linkCounts ?? new LinkCounts());
}
