namespace SmartHome.AssistantCloud.Replicas;

/// <summary>
/// <c>GET /sim/replica</c>: which assistant replica answered, its process and its name in the orchestrator, so that a chaos run (the load driver's
/// <c>--stop-replicas-after</c>) can pick one replica to stop among those behind the proxy.
/// </summary>
internal static class ReplicaApi
{
    public static IEndpointRouteBuilder MapReplicaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sim/replica", (AssistantReplica replica) => TypedResults.Ok(replica));
        return app;
    }
}
