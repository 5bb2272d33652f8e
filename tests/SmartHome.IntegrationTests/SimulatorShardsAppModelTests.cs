using Aspire.Hosting.ApplicationModel;

namespace SmartHome.IntegrationTests;

/// <summary>The AppHost's <c>simulator-replicas</c> as the app model shows it, without starting anything.</summary>
public sealed class SimulatorShardsAppModelTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("two")]
    public async Task A_count_out_of_range_stops_the_start_naming_the_range(string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                [$"--Parameters:simulator-replicas={value}"]).WaitAsync(Bound);
        }).WaitAsync(Bound);
        var message = error.GetBaseException().Message;
        Assert.Contains("simulator-replicas", message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 8", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_that_would_run_no_home_stops_the_start()
    {
        // The default world has one home: a second shard would run none.
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["--Parameters:simulator-replicas=2"]).WaitAsync(Bound);
        }).WaitAsync(Bound);
        Assert.Contains("would run no home", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_shards_are_three_named_pairs_each_with_its_fault_commands_and_the_default_is_one_pair()
    {
        await using (var sharded = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                         ["--Parameters:fleet-homes=6", "--Parameters:simulator-replicas=3"]).WaitAsync(Bound))
        {
            var simulators = sharded.Resources.OfType<ProjectResource>().Select(r => r.Name)
                .Where(name => name.StartsWith("devicegateway", StringComparison.Ordinal) || name.StartsWith("simulatedplug", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            Assert.Equal(["devicegateway", "devicegateway-2", "devicegateway-3", "simulatedplug", "simulatedplug-2", "simulatedplug-3"], simulators);
            foreach (var name in new[] { "devicegateway-3", "simulatedplug-3" })
            {
                var commands = sharded.Resources.Single(r => r.Name == name).Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToList();
                Assert.Contains(name.StartsWith("devicegateway", StringComparison.Ordinal) ? "broadband-down" : "wifi-off", commands);
                Assert.Contains("advance-clock-day", commands);
            }
        }

        await using var unsharded = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>().WaitAsync(Bound);
        Assert.Equal(["devicegateway", "simulatedplug"], unsharded.Resources.OfType<ProjectResource>().Select(r => r.Name)
            .Where(name => name.StartsWith("devicegateway", StringComparison.Ordinal) || name.StartsWith("simulatedplug", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_two_endpoints_of_a_sharded_world_claim_the_same_fixed_port()
    {
        // Under `dotnet run` the launch profiles' ports (5300, 5400) are shard 0's; a second shard on them would take its URL.
        await using var sharded = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Parameters:fleet-homes=6", "--Parameters:simulator-replicas=3"]).WaitAsync(Bound);
        var fixedPorts = sharded.Resources.OfType<IResourceWithEndpoints>()
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is not null).Select(e => (Owner: $"{r.Name}/{e.Name}", Port: e.Port!.Value)))
            .ToList();

        Assert.Contains(fixedPorts, e => e.Owner == "devicegateway/http");
        Assert.All(fixedPorts.GroupBy(e => e.Port), port => Assert.True(port.Count() == 1,
            $"port {port.Key} is claimed by {string.Join(", ", port.Select(e => e.Owner))}"));
    }
}
