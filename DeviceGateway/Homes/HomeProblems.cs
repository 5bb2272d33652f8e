using Microsoft.AspNetCore.Http.HttpResults;

namespace SmartHome.DeviceGateway.Homes;

/// <summary>The answer to a fault or status request that names a home this gateway does not run.</summary>
internal static class HomeProblems
{
    public static ProblemHttpResult UnknownHome(string? homeId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown home",
        detail: $"The gateway runs no home '{homeId}'.");
}
