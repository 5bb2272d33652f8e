using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Homes;

/// <summary>The answer to a fault or status request that names a home this gateway does not run.</summary>
internal static class HomeProblems
{
    public static ProblemHttpResult UnknownHome(string? homeId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown home",
        detail: $"The gateway runs no home '{homeId}'.");

    /// <summary>A home of the world that another simulator shard runs: the answer names the shard (docs/scale.md).</summary>
    public static ProblemHttpResult UnknownHome(string? homeId, SimulatorShard shard) =>
        shard.Shards > 1 && homeId is not null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown home",
                detail: $"The gateway (simulator shard {shard.Shard} of {shard.Shards}) runs no home '{homeId}'; "
                    + $"shard {SimulatorShards.ShardOf(homeId, shard.Shards)} would run it, if the world has it.")
            : UnknownHome(homeId);
}
