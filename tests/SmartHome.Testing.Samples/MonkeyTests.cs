using SmartHome.Testing.Chaos;
using Xunit.Abstractions;

namespace SmartHome.Testing.Samples;

/// <summary>
/// A short seeded chaos run in every CI run (<c>dotnet test --filter Category=Monkey</c>); longer ones with
/// <c>dotnet run --project tools/ChaosMonkey -- --seed N --duration 10m</c>.
/// </summary>
[Trait("Category", "Monkey")]
public sealed class MonkeyTests(ITestOutputHelper output)
{
    public const int CiSeed = 13;

    [Fact]
    public async Task AShortSeededRunKeepsEveryInvariant()
    {
        await using var world = await SmartHomeWorld.StartAsync();
        var monkey = new ChaosMonkey(world, new ChaosMonkeyOptions { Log = output.WriteLine, MaxShrinkRuns = 2 });
        var report = await monkey.RunAsync(CiSeed, TimeSpan.FromSeconds(60));
        output.WriteLine(report.ToString());
        report.ThrowIfViolated();
    }
}
