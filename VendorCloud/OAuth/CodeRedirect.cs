namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// A 302 to the client's redirect URI. Unlike TypedResults.Redirect, it does not log the target: the
/// query carries the authorization code, which must never reach the logs.
/// </summary>
internal sealed class CodeRedirect(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status302Found;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
