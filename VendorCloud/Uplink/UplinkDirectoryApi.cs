using SmartHome.VendorCloud.Replicas;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// <c>GET /sim/uplinks</c>: which replica holds which home's uplink (the shared directory), which replica answered,
/// the homes it holds itself and how many commands it forwarded to another replica or sent down for one.
/// </summary>
internal static class UplinkDirectoryApi
{
    public static IEndpointRouteBuilder MapUplinkDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sim/uplinks", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(IUplinkDirectory directory, UplinkRegistry registry, UplinkRelay relay,
        CancellationToken cancellationToken)
    {
        var replica = relay.Replica;
        var homes = await directory.ListAsync(cancellationToken);
        return TypedResults.Ok(new UplinksView(replica, homes, [.. registry.HeldHomes().Order(StringComparer.Ordinal)],
            relay.Forwarded, relay.Served));
    }
}

/// <summary>The answer of <c>GET /sim/uplinks</c>.</summary>
internal sealed record UplinksView(VendorReplica Replica, IReadOnlyList<HomeHolder> Homes, IReadOnlyList<string> Local,
    long Forwarded, long Served);
