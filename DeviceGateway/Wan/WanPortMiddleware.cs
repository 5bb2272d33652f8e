using SmartHome.DeviceGateway.Homes;
using Yarp.ReverseProxy.Model;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>
/// Keeps the two listeners apart by the port a request came in on: only the proxy answers on the WAN
/// port (and only while broadband is up), and the proxy never answers on the API port.
/// Runs after routing, so the chosen endpoint tells proxy routes from API endpoints.
/// </summary>
internal sealed class WanPortMiddleware(RequestDelegate next, GatewayOptions options, GatewayHomes homes)
{
    public const string HomeIdHeader = "X-Home-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var isProxyRoute = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null;
        var onWanPort = context.Connection.LocalPort == options.WanPort;

        if (onWanPort != isProxyRoute)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!onWanPort)
        {
            await next(context);
            return;
        }

        // Each home's uplink names its home (X-Home-Id, as the vendor reads it); its traffic takes its home's broadband.
        var homeId = context.Request.Headers[HomeIdHeader].ToString();
        if (homes.FindOrStory(homeId) is not { } home)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no home '{homeId}' behind this router", context.RequestAborted);
            return;
        }

        var edge = home.Broadband;
        if (!edge.IsUp)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("broadband is down", context.RequestAborted);
            return;
        }

        // A proxied WebSocket stays in here for its whole life, so the registration spans the connection.
        using var registration = edge.Track(context.Abort);
        await next(context);
    }
}
