using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The return path's switches under <c>/sim/event-gateway</c>: <c>down</c> / <c>up</c> (503 on <c>/v3/events</c>),
/// and, for one person (<c>?user=</c>), <c>expire-tokens</c> (the skill's access tokens expire now: it must refresh)
/// and <c>revoke-tokens</c> (the grant ends: refresh gets invalid_grant, the person must link again).
/// </summary>
public static partial class EventGatewayFaultsApi
{
    public static IEndpointRouteBuilder MapEventGatewayFaultsApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim/event-gateway");
        sim.MapPost("/down", async (SharedAssistantFaults faults, CancellationToken cancellationToken) =>
            TypedResults.Ok(await faults.SetEventGatewayDownAsync(true, cancellationToken))).WithName("EventGatewayDown");
        sim.MapPost("/up", async (SharedAssistantFaults faults, CancellationToken cancellationToken) =>
            TypedResults.Ok(await faults.SetEventGatewayDownAsync(false, cancellationToken))).WithName("EventGatewayUp");
        sim.MapPost("/expire-tokens", (string? user, IServiceProvider services) => EndAsync(user, services, revoke: false)).WithName("ExpireEventTokens");
        sim.MapPost("/revoke-tokens", (string? user, IServiceProvider services) => EndAsync(user, services, revoke: true)).WithName("RevokeEventTokens");
        return app;
    }

    private static async Task<IResult> EndAsync(string? user, IServiceProvider services, bool revoke)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return TypedResults.Problem(title: "Which person?", detail: "Name the person: ?user=owner.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (services.GetService<LwaTokenService>() is not { } tokens)
        {
            return TypedResults.Problem(title: "No token service.", detail: "The event gateway's token service is not running here.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        const string skill = Skills.VendorSkillId;
        var done = revoke
            ? await tokens.EndGrantAsync(user, skill, EventGrantStates.Revoked, "simulated")
            : await tokens.ExpireAccessTokensAsync(user, skill);
        LogEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventGatewayFaultsApi).FullName!), revoke ? "revoked" : "expired", user, done);
        return done
            ? TypedResults.Ok(new { user, skill, tokens = revoke ? "revoked" : "expired" })
            : TypedResults.Problem(title: "No event grant.", detail: $"{user} has given the skill no permission to report.", statusCode: StatusCodes.Status404NotFound);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated: the skill's event-gateway tokens of {User} {What} (a grant was there: {Done})")]
    private static partial void LogEnded(ILogger logger, string what, string user, bool done);
}
