using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Fleet;

namespace SmartHome.SimulatedPlug.Api;

/// <summary>
/// Which device an endpoint addresses: <c>?home=&amp;device=</c>, each defaulting to the story's. A home or
/// device the world does not declare is a 404 ProblemDetails that names it.
/// </summary>
internal static class DeviceLookup
{
    public static bool TryFind(
        this Devices devices, string? home, string? device,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SimulatedDevice? found,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ProblemHttpResult? notFound)
    {
        found = devices.Find(home, device);
        notFound = found is null ? NotFound(devices, home, device) : null;
        return found is not null;
    }

    private static ProblemHttpResult NotFound(Devices devices, string? home, string? device)
    {
        var homeId = string.IsNullOrEmpty(home) ? devices.Story.Identity.HomeId : home;
        var deviceId = string.IsNullOrEmpty(device) ? devices.Story.Identity.DeviceId : device;
        var homeKnown = devices.All.Any(d => d.Identity.HomeId == homeId);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: homeKnown ? "Unknown device" : "Unknown home",
            detail: homeKnown
                ? $"Home '{homeId}' has no device '{deviceId}' in this world."
                : devices.Shard.Shards > 1
                    ? $"This plug process (simulator shard {devices.Shard.Shard} of {devices.Shard.Shards}) runs no home '{homeId}'; "
                      + $"shard {SimulatorShards.ShardOf(homeId, devices.Shard.Shards)} would run it, if the world has it."
                    : $"The world has no home '{homeId}'.");
    }
}
