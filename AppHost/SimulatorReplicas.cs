using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AppHost;

/// <summary>
/// How many shards of the simulators run, by the parameter <c>simulator-replicas</c> (default 1): shard k is one
/// <c>devicegateway</c> process (its own LAN broker and WAN edge) and one <c>simulatedplug</c> process, running the homes
/// <see cref="SimulatorShards.ShardOf"/> gives k. Named resources with an ordinal, as a Kubernetes StatefulSet's pods:
/// <c>devicegateway</c>, <c>devicegateway-2</c>, ... (<see cref="SimulatorShards.ResourceName"/>), each its shard for
/// good, restarts included. Read at build time. See docs/scale.md.
/// </summary>
internal static class SimulatorReplicas
{
    public const string Parameter = "simulator-replicas";
    public const int Default = 1;

    // As cloud-replicas: a laptop's cores run out long before a real cluster's machines do.
    public const int Maximum = 8;

    /// <summary>
    /// The count configured; a value that is not a whole number from 1 to <see cref="Maximum"/> stops the start naming the
    /// range, and so does a shard that would run no home of <paramref name="world"/> or the mosquitto broker (one
    /// broker for the world's homes, which one gateway bridges).
    /// </summary>
    public static int From(IDistributedApplicationBuilder builder, World world, bool mosquitto)
    {
        var configured = builder.Configuration[$"Parameters:{Parameter}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Default;
        }

        if (!int.TryParse(configured.Trim(), out var shards) || shards is < 1 or > Maximum)
        {
            throw new InvalidOperationException($"The parameter '{Parameter}' must be a whole number from 1 to {Maximum}, not '{configured}'.");
        }

        if (shards > 1 && mosquitto)
        {
            throw new InvalidOperationException($"The parameter '{Parameter}={shards}' needs the gateways' own brokers (mqtt-broker=embedded): mosquitto is one broker that one gateway bridges.");
        }

        for (var shard = 0; shard < shards; shard++)
        {
            if (SimulatorShards.HomesOf(world, shard, shards).Count == 0)
            {
                throw new InvalidOperationException($"With '{Parameter}={shards}' shard {shard} would run no home of this world ({world.Homes.Count} homes): choose fewer.");
            }
        }

        return shards;
    }

    /// <summary>Shows the count in the dashboard's parameters, with what it does.</summary>
    public static int AddParameter(IDistributedApplicationBuilder builder, World world, bool mosquitto)
    {
        var shards = From(builder, world, mosquitto);
        builder.AddParameterWithDefault(Parameter, Default.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithDescription($"How many shards of the simulators run (1 to {Maximum}): shard k is devicegateway(-k+1) and simulatedplug(-k+1), "
                + "each running a stable share of the world's homes with its own LAN broker and WAN edge. See docs/scale.md.");
        return shards;
    }
}
