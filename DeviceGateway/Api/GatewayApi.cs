using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;

namespace SmartHome.DeviceGateway.Api;

/// <summary>The gateway's own HTTP API, on the API port only.</summary>
internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/status", GetStatus);
        app.MapBroadbandSimApi();
        app.MapWifiBandSimApi();
        return app;
    }

    /// <summary>
    /// The diagnosis asks this during every fault (with a 400 ms budget), so it only reads in-memory
    /// state that each piece keeps current by itself: no Redis, no broker, no uplink call, nothing that can
    /// wait on a broken hop. Each read is a volatile field or a short lock that is never held across I/O.
    /// </summary>
    internal static GatewayStatusResponse GetStatus(GatewayOptions options, UplinkConnectionTracker uplink, WanEdge edge, WifiBand band, DeviceTable devices)
    {
        var (connected, since) = uplink.Current;
        return new GatewayStatusResponse(
            options.HomeId,
            new UplinkStatusResponse(connected, since),
            edge.IsUp ? "up" : "down",
            band.IsOn ? "on" : "off",
            [.. devices.Snapshot().Select(d => new DeviceStatusResponse(d.DeviceId, d.Online, d.State, d.Since))]);
    }
}
