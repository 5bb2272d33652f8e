namespace SmartHome.AssistantCloud.Faults;

/// <summary>The assistant cloud's outage switch under <c>/sim</c>: <c>POST /sim/outage/on|off</c>, <c>GET /sim/faults</c>.</summary>
public static partial class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim");
        sim.MapGet("/faults", (AssistantFaults faults) => TypedResults.Ok(faults.View())).WithName("GetFaults");
        sim.MapPost("/outage/on", (AssistantFaults faults, ILoggerFactory loggers) => Switch(faults, loggers, on: true)).WithName("OutageOn");
        sim.MapPost("/outage/off", (AssistantFaults faults, ILoggerFactory loggers) => Switch(faults, loggers, on: false)).WithName("OutageOff");
        return app;
    }

    private static IResult Switch(AssistantFaults faults, ILoggerFactory loggers, bool on)
    {
        faults.SetOutage(on);
        LogOutage(loggers.CreateLogger(typeof(FaultsApi).FullName!), on);
        return TypedResults.Ok(faults.View());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated assistant cloud outage: {On}")]
    private static partial void LogOutage(ILogger logger, bool on);
}
