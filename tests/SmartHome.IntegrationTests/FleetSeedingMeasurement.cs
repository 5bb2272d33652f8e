using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Seeding a fleet, measured (issue 11), opt-in: <c>SMARTHOME_FLEET_HOMES=1000 dotnet test
/// tests/SmartHome.IntegrationTests --filter FullyQualifiedName~FleetSeeding --logger "console;verbosity=detailed"</c>.
/// Starts the AppHost with <c>fleet-homes</c> on a fresh Redis, then again on the same data (the idempotent
/// path), and prints how long each took until every resource was healthy. It asserts what seeding must do
/// (every person linked, the story's and the last home's lamps discovered, nothing linked twice), never a speed.
/// </summary>
public sealed class FleetSeedingMeasurement(ITestOutputHelper output)
{
    private static int? Homes => int.TryParse(Environment.GetEnvironmentVariable("SMARTHOME_FLEET_HOMES"), out var homes) && homes > 1 ? homes : null;

    [SkippableFact]
    public async Task A_fleet_is_seeded_through_the_real_link_flow_and_again_idempotently()
    {
        Skip.If(Homes is null, "set SMARTHOME_FLEET_HOMES=N (N > 1) to measure seeding a fleet");
        var homes = Homes!.Value;
        var dataDir = Path.Combine(Path.GetTempPath(), "smarthome-fleet", Guid.NewGuid().ToString("n"));
        try
        {
            string? firstLinkedAt = null;
            foreach (var run in new[] { "fresh Redis", "seeded again" })
            {
                var started = Stopwatch.StartNew();
                var fixture = new FleetAppFixture(homes, dataDir);
                try
                {
                    await fixture.InitializeAsync();
                    output.WriteLine($"FIGURE fleet_seeding_{(run == "fresh Redis" ? "fresh" : "again")}_{homes} {started.Elapsed.TotalSeconds:0.0} s  ({run}: AppHost start to every resource healthy)");

                    foreach (var user in new[] { "owner", "user-2", $"user-{homes / 2}", $"user-{homes}" })
                    {
                        var link = await fixture.GetLinkAsync(user);
                        Assert.Equal("Linked", link.State);
                    }

                    var last = await fixture.GetEndpointsAsync($"user-{homes}");
                    Assert.Equal("plug-1", Assert.Single(last).GetProperty("endpointId").GetString());
                    Assert.Equal("home-" + homes, last[0].GetProperty("cookie").GetProperty("homeId").GetString());
                    // Seeding again leaves an existing link alone: the same link (its time), no new sign-in.
                    var linkedAt = await LinkedAtAsync(fixture, $"user-{homes}");
                    firstLinkedAt ??= linkedAt;
                    Assert.Equal(firstLinkedAt, linkedAt);
                }
                finally
                {
                    await fixture.DisposeAsync();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<string?> LinkedAtAsync(SmartHomeAppFixture fixture, string user)
    {
        using var client = fixture.CreateHttpClient("assistantcloud");
        var skills = await client.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"/api/users/{user}/skills", Wire.Json).WaitAsync(Wire.RequestTimeout);
        return Assert.Single(skills!).GetProperty("linkedAt").GetString();
    }

    private sealed class FleetAppFixture(int homes, string dataDir) : SmartHomeAppFixture
    {
        protected override IEnumerable<string> ExtraArguments => [$"--Parameters:fleet-homes={homes}", $"--Redis:DataDir={dataDir}"];
    }
}
