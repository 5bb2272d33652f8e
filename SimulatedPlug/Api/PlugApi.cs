using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.ServiceDefaults.Uplink;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Fleet;

namespace SmartHome.SimulatedPlug.Api;

internal static class PlugApi
{
    public static IEndpointRouteBuilder MapPlugApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/state", Results<Ok<PlugStatus>, ProblemHttpResult> (Devices devices, string? home, string? device) =>
            devices.TryFind(home, device, out var found, out var notFound)
                ? TypedResults.Ok(PlugStatus.Of(found.Device, found.Device.Current, found.Session.IsReady))
                : notFound);

        // The physical button: works with or without Wi-Fi; the broker hears of it when it can.
        api.MapPost("/button", async Task<Results<Ok<PlugStatus>, ProblemHttpResult>> (
            Devices devices, string? home, string? device, CancellationToken cancellationToken) =>
        {
            if (!devices.TryFind(home, device, out var found, out var notFound))
            {
                return notFound;
            }

            if (found.Device.PressButton() is not { } dimmer)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Unplugged", detail: PlugDevice.NoPower);
            }

            using var scope = found.BeginScope();
            await found.State.PublishAsync(ChangeCause.Button, cancellationToken);
            return TypedResults.Ok(PlugStatus.Of(found.Device, dimmer, found.Session.IsReady));
        });

        // Which homes this process runs (sharded simulators, docs/scale.md): the shards partition the world.
        api.MapGet("/shard", (Devices devices) =>
            TypedResults.Ok(new SimulatorShardStatus(devices.Shard.Shard, devices.Shard.Shards, devices.HomeIds)));

        return app;
    }
}
