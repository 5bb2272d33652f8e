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

    private static GatewayStatusResponse GetStatus(GatewayOptions options, UplinkStatus uplink, WanEdge edge, WifiBand band, DeviceTable devices)
    {
        var (connected, since) = uplink.Current;
        return new GatewayStatusResponse(
            options.HomeId,
            new UplinkStatusResponse(connected, since),
            edge.IsUp ? "up" : "down",
            band.IsOn ? "on" : "off",
            [.. devices.Snapshot().Select(d => new DeviceStatusResponse(d.DeviceId, d.Online, d.State))]);
    }
}
