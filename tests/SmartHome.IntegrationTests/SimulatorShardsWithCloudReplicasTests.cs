using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Both scale-outs at once (<c>cloud-replicas=2</c>, <c>simulator-replicas=2</c>, a fleet of four): each gateway shard
/// dials the vendor's replicas for its own homes, and a directive reaches a home whichever vendor replica it lands on and
/// whichever shard runs the home.
/// </summary>
public sealed class SimulatorShardsWithCloudReplicasTests(
    SimulatorShardsWithCloudReplicasTests.ShardedReplicatedAppFixture fixture, ITestOutputHelper output)
    : IClassFixture<SimulatorShardsWithCloudReplicasTests.ShardedReplicatedAppFixture>
{
    public sealed class ShardedReplicatedAppFixture : SmartHomeAppFixture
    {
        protected override IEnumerable<string> ExtraArguments => [$"--Parameters:fleet-homes={SimulatorShardsTests.Homes}"];

        // Eleven processes instead of five.
        protected override TimeSpan WorldStartTimeout => StartTimeout * 3;

        protected override void Configure(SmartHomeWorldOptions options)
        {
            options.CloudReplicas = 2;
            options.SimulatorReplicas = SimulatorShardsTests.Shards;
            // Shards need the gateways' own brokers (see SimulatorShardsTests).
            options.MqttBroker = "embedded";
        }
    }

    private SmartHomeWorld World => fixture.World;

    private static string PersonOf(int home) => home == 1 ? "owner" : $"user-{home}";

    [Fact]
    public async Task Every_homes_lamp_obeys_its_person_across_replicas_and_shards_and_a_shard_1_fault_is_diagnosed()
    {
        for (var home = 1; home <= SimulatorShardsTests.Homes; home++)
        {
            var level = 30 + home;
            var answer = await World.SayUntilAsync($"set the bedroom lamp to {level} percent", "Success", PersonOf(home));
            output.WriteLine($"{PersonOf(home)} ({World.Plug($"home-{home}").Resource}): {answer}");
            var lamp = await World.Plug($"home-{home}").StateAsync();
            Assert.Equal(level, lamp.Brightness);
        }

        await using (await World.Gateway("home-4").BroadbandDownAsync())
        {
            // The diagnosis asks home-4's own gateway (shard 1's), which answers with the home's status. Under load the
            // gateway can miss the diagnosis's 400 ms and the report says "no answer": asked again until it answers.
            var report = await SimulatorShardsTests.DiagnoseAtOwnGatewayAsync(World, "user-4", "home-4");
            output.WriteLine(report.ToString());
            var beside = await World.SayAsync("turn on the bedroom lamp", "user-2");
            Assert.True(beside.Outcome == "Success", $"user-2, beside home 4 on the same shard: {beside}");
        }

        await World.SayUntilAsync("turn on the bedroom lamp", "Success", "user-4");
    }
}
