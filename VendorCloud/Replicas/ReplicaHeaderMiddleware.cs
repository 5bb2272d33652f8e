namespace SmartHome.VendorCloud.Replicas;

/// <summary>
/// Names the replica that answered in every response (<see cref="VendorReplica.Header"/>), before any fault answers
/// for it: with several replicas behind one proxy, a test or a person can tell whose answer it was.
/// </summary>
internal sealed class ReplicaHeaderMiddleware(RequestDelegate next, VendorReplica replica)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[VendorReplica.Header] = replica.Id;
        return next(context);
    }
}
