namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The assistant cloud's outage switch under <c>/sim</c>: <c>POST /sim/outage/on|off</c>, <c>GET /sim/faults</c>. The
/// world's switch (<see cref="SharedAssistantFaults"/>): whichever replica takes the call, every replica answers alike.
/// </summary>
public static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim");
        sim.MapGet("/faults", (AssistantFaults faults) => TypedResults.Ok(faults.View())).WithName("GetFaults");
        sim.MapPost("/outage/on", async (SharedAssistantFaults faults, CancellationToken cancellationToken) =>
            TypedResults.Ok(await faults.SetOutageAsync(true, cancellationToken))).WithName("OutageOn");
        sim.MapPost("/outage/off", async (SharedAssistantFaults faults, CancellationToken cancellationToken) =>
            TypedResults.Ok(await faults.SetOutageAsync(false, cancellationToken))).WithName("OutageOff");
        return app;
    }
}
