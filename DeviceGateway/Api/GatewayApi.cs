using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Api;

/// <summary>The gateway's own HTTP API, on the API port only.</summary>
internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/status", (GatewayHomes homes, string? home) =>
            homes.FindOrStory(home) is { } hub
                ? (Results<Ok<GatewayStatusResponse>, ProblemHttpResult>)TypedResults.Ok(GetStatus(hub))
                : HomeProblems.UnknownHome(home, homes.Shard));
        // Which homes this process runs (sharded simulators, docs/scale.md): the shards partition the world.
        api.MapGet("/shard", (GatewayHomes homes) =>
            TypedResults.Ok(new SimulatorShardStatus(homes.Shard.Shard, homes.Shard.Shards, [.. homes.All.Select(h => h.Id)])));
        app.MapBroadbandSimApi();
        app.MapWifiBandSimApi();
        return app;
    }

    /// <summary>
    /// One home's status (<c>?home=</c>, default the story's). The diagnosis asks this during every fault (with
    /// a 400 ms budget), so it only reads in-memory state that each piece keeps current by itself: no Redis, no
    /// broker, no uplink call, nothing that can wait on a broken hop. Each read is a volatile field or a short
    /// lock that is never held across I/O.
    /// </summary>
    internal static GatewayStatusResponse GetStatus(HomeHub home)
    {
        var (connected, since) = home.Uplink.Current;
        return new GatewayStatusResponse(
            home.Id,
            new UplinkStatusResponse(connected, since),
            home.Broadband.IsUp ? "up" : "down",
            home.Band.IsOn ? "on" : "off",
            [.. home.Devices.Snapshot().Select(d => new DeviceStatusResponse(d.DeviceId, d.Online, d.State, d.Since))]);
    }
}
