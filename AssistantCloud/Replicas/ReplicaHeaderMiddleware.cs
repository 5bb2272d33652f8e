namespace SmartHome.AssistantCloud.Replicas;

/// <summary>Names the replica that answered in every response, before any fault answers for it.</summary>
internal sealed class ReplicaHeaderMiddleware(RequestDelegate next, AssistantReplica replica)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[AssistantReplica.Header] = replica.Id;
        return next(context);
    }
}
