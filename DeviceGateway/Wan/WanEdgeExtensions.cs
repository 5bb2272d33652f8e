using Microsoft.AspNetCore.Http.HttpResults;
using SmartHome.DeviceGateway.Homes;
using Yarp.ReverseProxy.Configuration;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>The WAN edge: a YARP route from the home to the vendor cloud, and the broadband switch.</summary>
internal static class WanEdgeExtensions
{
    public const string UplinkRouteId = "uplink";
    public const string VendorCloudClusterId = "vendorcloud";

    public static IServiceCollection AddWanEdge(this IServiceCollection services)
    {
        services.AddReverseProxy()
            .LoadFromMemory(
                [
                    new RouteConfig
                    {
                        RouteId = UplinkRouteId,
                        ClusterId = VendorCloudClusterId,
                        Match = new RouteMatch { Path = "/uplink/{**catch-all}" },
                    },
                ],
                [
                    new ClusterConfig
                    {
                        ClusterId = VendorCloudClusterId,
                        // Resolved through service discovery: services:vendorcloud:http:0.
                        Destinations = new Dictionary<string, DestinationConfig>
                        {
                            ["vendorcloud"] = new() { Address = "http://vendorcloud" },
                        },
                    },
                ])
            .AddServiceDiscoveryDestinationResolver();
        return services;
    }

    /// <summary>
    /// Separates the WAN port from the API port (after routing), and cuts the WAN edge when the app
    /// stops: Kestrel stops first and would otherwise wait out its shutdown timeout on the open uplink.
    /// </summary>
    public static WebApplication UseWanEdge(this WebApplication app)
    {
        app.UseMiddleware<WanPortMiddleware>();
        var homes = app.Services.GetRequiredService<GatewayHomes>();
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var home in homes.All)
            {
                home.Broadband.SetDown();
            }
        });
        return app;
    }

    /// <summary>The broadband fault switch of one home (<c>?home=</c>, default the story's), on the API port.</summary>
    public static IEndpointRouteBuilder MapBroadbandSimApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sim/broadband");
        group.MapPost("/down", (GatewayHomes homes, string? home) => Switch(homes, home, edge => edge.SetDown(), "down"));
        group.MapPost("/up", (GatewayHomes homes, string? home) => Switch(homes, home, edge => edge.SetUp(), "up"));
        return app;
    }

    private static Results<Ok<BroadbandStatus>, ProblemHttpResult> Switch(GatewayHomes homes, string? homeId, Action<WanEdge> change, string state)
    {
        if (homes.FindOrStory(homeId) is not { } home)
        {
            return HomeProblems.UnknownHome(homeId, homes.Shard);
        }

        change(home.Broadband);
        return TypedResults.Ok(new BroadbandStatus(state));
    }

    internal sealed record BroadbandStatus(string Broadband);
}
