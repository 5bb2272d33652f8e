using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.DeviceGateway.Homes;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>One home's 2.4 GHz band fault switch (<c>?home=</c>, default the story's), on the API port: <c>/sim/wifi-band</c>.</summary>
internal static class WifiBandSimApi
{
    public static IEndpointRouteBuilder MapWifiBandSimApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sim/wifi-band");
        group.MapGet("/", (GatewayHomes homes, string? home) => Answer(homes, home, _ => { }));
        group.MapPost("/off", (GatewayHomes homes, string? home) => Answer(homes, home, band => band.SetOff()));
        group.MapPost("/on", (GatewayHomes homes, string? home) => Answer(homes, home, band => band.SetOn()));
        return app;
    }

    private static Results<Ok<WifiBandStatus>, ProblemHttpResult> Answer(GatewayHomes homes, string? homeId, Action<WifiBand> change)
    {
        if (homes.FindOrStory(homeId) is not { } home)
        {
            return HomeProblems.UnknownHome(homeId, homes.Shard);
        }

        change(home.Band);
        return TypedResults.Ok(WifiBandStatus.Of(home.Band));
    }

    /// <summary>The body of every <c>/sim/wifi-band</c> answer.</summary>
    internal sealed record WifiBandStatus(string Band24)
    {
        public static WifiBandStatus Of(WifiBand band) => new(band.IsOn ? "on" : "off");
    }
}
