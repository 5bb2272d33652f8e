using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.AssistantCloud.Tests;
using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// A reset of the world with two replicas of a service: one replica wipes and seeds the service's part (two would wipe
/// what the first seeded), and every replica puts back its own copies once that is done.
/// </summary>
public sealed class WorldResetReplicasTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task One_replica_resets_the_worlds_part_and_each_puts_back_its_own_copies_after_it()
    {
        var service = "service-" + Guid.NewGuid().ToString("N");
        CountingPart[] parts = [new(), new()];
        var members = parts.Select(part => Member(service, part)).ToList();
        foreach (var member in members)
        {
            await member.StartAsync(CancellationToken.None).WaitAsync(Bound);
        }

        try
        {
            var store = new WorldStore(fixture.Redis);
            var generation = await store.StartResetAsync();

            using var timeout = new CancellationTokenSource(Bound);
            while (!(await store.ResetOutcomesAsync(generation)).ContainsKey(service) || parts.Any(p => p.ReplicaResetsAfterWorld == 0))
            {
                await Task.Delay(50, timeout.Token);
            }

            Assert.Equal(WorldReset.Done, (await store.ResetOutcomesAsync(generation))[service]);
            Assert.Equal(1, parts.Sum(p => p.WorldResets));
            Assert.All(parts, p => Assert.Equal(1, p.ReplicaResetsAfterWorld));
        }
        finally
        {
            foreach (var member in members)
            {
                await member.StopAsync(CancellationToken.None).WaitAsync(Bound);
                member.Dispose();
            }
        }
    }

    private WorldMember Member(string service, CountingPart part)
    {
        var services = new ServiceCollection()
            .AddSingleton(fixture.Redis)
            .AddSingleton<WorldStore>()
            .AddSingleton<IWorldResetPart>(part)
            .BuildServiceProvider();
        return new WorldMember(services, new SimulationClock(), new WorldIdentity(service), NullLogger<WorldMember>.Instance);
    }

    /// <summary>Counts the world's resets of all replicas, and this replica's own resets once the world's part is done.</summary>
    private sealed class CountingPart : IWorldResetPart
    {
        private static int s_worldResets;
        private int _worldResets;
        private int _replicaResetsAfterWorld;

        public int WorldResets => Volatile.Read(ref _worldResets);

        public int ReplicaResetsAfterWorld => Volatile.Read(ref _replicaResetsAfterWorld);

        public IReadOnlyList<string> After => [];

        public async Task ResetAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _worldResets);
            // Long enough for the other replica to hear the reset and find it taken.
            await Task.Delay(300, cancellationToken);
            Interlocked.Increment(ref s_worldResets);
        }

        public Task ResetReplicaAsync(CancellationToken cancellationToken)
        {
            // Before the world's part (the switches off at once) and after it: this counts the ones after it.
            if (Volatile.Read(ref s_worldResets) > 0)
            {
                Interlocked.Increment(ref _replicaResetsAfterWorld);
            }

            return Task.CompletedTask;
        }
    }
}
