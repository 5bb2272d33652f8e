using Yarp.ReverseProxy.Configuration;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>The WAN edge: a YARP route from the home to the vendor cloud, and the broadband switch.</summary>
internal static class WanEdgeExtensions
{
    public const string UplinkRouteId = "uplink";
    public const string VendorCloudClusterId = "vendorcloud";

    public static IServiceCollection AddWanEdge(this IServiceCollection services)
    {
        services.AddSingleton<WanEdge>();
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
        var edge = app.Services.GetRequiredService<WanEdge>();
        app.Lifetime.ApplicationStopping.Register(edge.SetDown);
        return app;
    }

    /// <summary>The broadband fault switch, on the API port.</summary>
    public static IEndpointRouteBuilder MapBroadbandSimApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sim/broadband");
        group.MapPost("/down", (WanEdge edge) =>
        {
            edge.SetDown();
            return TypedResults.Ok(new BroadbandStatus("down"));
        });
        group.MapPost("/up", (WanEdge edge) =>
        {
            edge.SetUp();
            return TypedResults.Ok(new BroadbandStatus("up"));
        });
        return app;
    }

    internal sealed record BroadbandStatus(string Broadband);
}
