using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The simulation's switches on the vendor (for tests and the dashboard): a view of grants and counters,
/// the "access token expired" and "grant revoked" faults, further accounts. JSON only; never a token or secret.
/// </summary>
internal static class SimulationApi
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim");
        sim.MapGet("/oauth/grants", ListGrantsAsync);
        sim.MapGet("/oauth/stats", async (OAuthCounters counters, CancellationToken cancellationToken) =>
            Results.Ok(await counters.GetStatsAsync(cancellationToken)));
        sim.MapPost("/oauth/expire-access-tokens", ExpireAccessTokensAsync).DisableAntiforgery();
        sim.MapPost("/oauth/revoke-grants", RevokeGrantsAsync).DisableAntiforgery();
        sim.MapPost("/accounts", ProvisionAccountAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListGrantsAsync(string? email, AuthorizationServer server, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await server.ListGrantsAsync(email, cancellationToken) is { } grants ? Results.Ok(grants) : UnknownAccount();

    private static async Task<IResult> ExpireAccessTokensAsync(string? email, AuthorizationServer server, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await server.ExpireAccessTokensAsync(email, cancellationToken) is { } affected ? Results.Ok(new FaultApplied(affected)) : UnknownAccount();

    private static async Task<IResult> RevokeGrantsAsync(string? email, AuthorizationServer server, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await server.RevokeGrantsAsync(email, cancellationToken) is { } affected ? Results.Ok(new FaultApplied(affected)) : UnknownAccount();

    private static async Task<IResult> ProvisionAccountAsync(HttpRequest request, SimulatedAccounts accounts, CancellationToken cancellationToken)
    {
        SimAccountRequest? body;
        try
        {
            body = request.HasJsonContentType() ? await request.ReadFromJsonAsync<SimAccountRequest>(cancellationToken) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return Results.BadRequest(new AccountError("invalid_request", "A JSON body is required."));
        }

        var result = await accounts.ProvisionAsync(body, cancellationToken);
        return result switch
        {
            { Invalid: { } invalid } => Results.BadRequest(new AccountError("invalid_request", invalid)),
            { Conflict: { } conflict } => Results.Conflict(new AccountError("conflict", conflict)),
            { Created: true } => Results.Json(new ProvisionedAccount(result.AccountId!), statusCode: StatusCodes.Status201Created),
            _ => Results.Ok(new ProvisionedAccount(result.AccountId!)),
        };
    }

    private static IResult MissingEmail() => Results.BadRequest(new AccountError("invalid_request", "The query parameter email is required."));

    private static IResult UnknownAccount() => Results.NotFound(new AccountError("unknown_account", "No vendor account has this e-mail address."));
}

internal sealed record FaultApplied(int AffectedGrants);

internal sealed record ProvisionedAccount(string AccountId);
