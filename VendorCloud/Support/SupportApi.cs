using System.Diagnostics;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Support;

/// <summary>
/// The partner support API: <c>GET /api/support/devices/{deviceId}[?home={homeId}]</c> (the home is needed
/// where the id is in several homes the client was granted: a fleet's plug-1), authenticated as a registered OAuth client
/// with HTTP Basic (the credentials of the token endpoint), never with a person's token.
/// </summary>
internal static class SupportApi
{
    public static IEndpointRouteBuilder MapSupportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/support/devices/{deviceId}", GetDeviceAsync);
        return app;
    }

    private static async Task<IResult> GetDeviceAsync(string deviceId, string? home, HttpContext context, AuthorizationServer authorization,
        DeviceSupport support, CancellationToken cancellationToken)
    {
        // What the maker knows about a person's home is not for caches.
        context.Response.Headers.CacheControl = "no-store";
        var client = BasicClientCredentials.Read(context.Request, out var clientId, out var clientSecret) == BasicCredentialsStatus.Present
            ? await authorization.AuthenticateClientAsync(clientId, clientSecret, cancellationToken)
            : null;
        if (client is null)
        {
            context.Response.Headers.WWWAuthenticate = BasicClientCredentials.Challenge;
            Activity.Current?.SetTag("oauth.error", SupportError.InvalidClient);
            return TypedResults.Json(new SupportError(SupportError.InvalidClient), statusCode: StatusCodes.Status401Unauthorized);
        }

        Activity.Current?.SetTag("oauth.client.id", client.ClientId);
        Activity.Current?.SetTag("smarthome.device.id", deviceId);
        var view = await support.GetDeviceAsync(client, deviceId, home, cancellationToken);
        return view is null
            ? TypedResults.Json(new SupportError(SupportError.UnknownDevice), statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json(view);
    }
}
