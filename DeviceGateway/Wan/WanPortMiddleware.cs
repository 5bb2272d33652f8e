using Yarp.ReverseProxy.Model;

namespace SmartHome.DeviceGateway.Wan;

/// <summary>
/// Keeps the two listeners apart by the port a request came in on: only the proxy answers on the WAN
/// port (and only while broadband is up), and the proxy never answers on the API port.
/// Runs after routing, so the chosen endpoint tells proxy routes from API endpoints.
/// </summary>
internal sealed class WanPortMiddleware(RequestDelegate next, GatewayOptions options, WanEdge edge)
{
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
