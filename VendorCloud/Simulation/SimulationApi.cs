using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>
/// The simulation's switches on the vendor (for tests and the dashboard): a view of grants and counters,
/// the "access token expired" and "grant revoked" faults, further accounts. JSON only; never a token or secret.
/// </summary>
internal static class SimulationApi
{
    private static readonly System.Text.Json.JsonSerializerOptions AccountJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/sim").WithBodyLimit(BodyLimits.SmallJson);
        sim.MapGet("/oauth/grants", ListGrantsAsync);
        sim.MapPost("/oauth/newest-grants", NewestGrantsAsync).DisableAntiforgery();
        sim.MapGet("/oauth/stats", async (OAuthCounters counters, CancellationToken cancellationToken) =>
            TypedResults.Ok(await counters.GetStatsAsync(cancellationToken)));
        sim.MapPost("/oauth/expire-access-tokens", ExpireAccessTokensAsync).DisableAntiforgery();
        sim.MapPost("/oauth/revoke-grants", RevokeGrantsAsync).DisableAntiforgery();
        sim.MapPost("/oauth/lose-refresh-answer", LoseRefreshAnswerAsync).DisableAntiforgery();
        sim.MapDelete("/oauth/lose-refresh-answer", DisarmLostRefreshAnswersAsync);
        sim.MapPost("/accounts", ProvisionAccountAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListGrantsAsync(string? email, GrantViews grants, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await grants.ListGrantsAsync(email, cancellationToken) is { } views ? TypedResults.Ok(views) : UnknownAccount();

    /// <summary>Many accounts' newest grants in one request: what the policy study samples every few simulated days.</summary>
    private static async Task<IResult> NewestGrantsAsync(HttpRequest request, GrantViews grants, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ReadBodyAsync<NewestGrantsRequest>(request,
            $"The body is larger than {NewestGrantsRequest.MaxEmails} e-mail addresses take.", "A JSON body with emails is required.", cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        return body.Emails switch
        {
            null or { Count: 0 } => TypedResults.BadRequest(new AccountError("invalid_request", "emails must list at least one e-mail address.")),
            { Count: > NewestGrantsRequest.MaxEmails } => TypedResults.BadRequest(
                new AccountError("invalid_request", $"emails may list at most {NewestGrantsRequest.MaxEmails} e-mail addresses.")),
            var emails when emails.Any(string.IsNullOrWhiteSpace) => TypedResults.BadRequest(
                new AccountError("invalid_request", "emails must not contain an empty e-mail address.")),
            var emails => TypedResults.Ok(await grants.NewestGrantsAsync(emails, cancellationToken)),
        };
    }

    private static async Task<IResult> ExpireAccessTokensAsync(string? email, LinkFaults faults, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await faults.ExpireAccessTokensAsync(email, cancellationToken) is { } affected ? TypedResults.Ok(new FaultApplied(affected)) : UnknownAccount();

    private static async Task<IResult> RevokeGrantsAsync(string? email, LinkFaults faults, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(email)
            ? MissingEmail()
            : await faults.RevokeGrantsAsync(email, cancellationToken) is { } affected ? TypedResults.Ok(new FaultApplied(affected)) : UnknownAccount();

    /// <summary>The account's next successful refresh answer is lost after the rotation (<see cref="LostRefreshAnswers"/>).</summary>
    private static async Task<IResult> LoseRefreshAnswerAsync(string? email, IVendorDirectory directory, LostRefreshAnswers lostAnswers,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return MissingEmail();
        }

        if (await directory.FindAccountByEmailAsync(email, cancellationToken) is not { } account)
        {
            return UnknownAccount();
        }

        await lostAnswers.ArmAsync(account.AccountId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The account's armed answers that no refresh has taken yet are dropped (arms stack: one left over would meet the
    /// next day's refresh); <c>{disarmed}</c> says how many, so that a caller counts only the answers really lost.
    /// </summary>
    private static async Task<IResult> DisarmLostRefreshAnswersAsync(string? email, IVendorDirectory directory, LostRefreshAnswers lostAnswers,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return MissingEmail();
        }

        if (await directory.FindAccountByEmailAsync(email, cancellationToken) is not { } account)
        {
            return UnknownAccount();
        }

        return TypedResults.Ok(new LostAnswersDisarmed(await lostAnswers.DisarmAsync(account.AccountId, cancellationToken)));
    }

    private static async Task<IResult> ProvisionAccountAsync(HttpRequest request, SimulatedAccounts accounts, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ReadBodyAsync<SimAccountRequest>(request, "The body is larger than an account takes.", "A JSON body is required.",
            cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        var result = await accounts.ProvisionAsync(body, cancellationToken);
        return result switch
        {
            { Invalid: { } invalid } => TypedResults.BadRequest(new AccountError("invalid_request", invalid)),
            { Conflict: { } conflict } => TypedResults.Conflict(new AccountError("conflict", conflict)),
            { Created: true } => TypedResults.Json(new ProvisionedAccount(result.AccountId!), statusCode: StatusCodes.Status201Created),
            _ => TypedResults.Ok(new ProvisionedAccount(result.AccountId!)),
        };
    }

    /// <summary>The request's JSON body, or the <c>invalid_request</c> answer that says why there is none (with the status it needs).</summary>
    private static async Task<(T? Body, IResult? Refusal)> ReadBodyAsync<T>(HttpRequest request, string tooLarge, string required,
        CancellationToken cancellationToken) where T : class
    {
        var body = request.HasJsonContentType()
            ? await JsonBody.ReadAsync<T>(request, AccountJson, cancellationToken)
            : new JsonBody<T>(JsonBodyStatus.Malformed, null);
        return body.Value is { } value
            ? (value, null)
            : (null, TypedResults.Json(new AccountError("invalid_request", body.Status == JsonBodyStatus.TooLarge ? tooLarge : required),
                statusCode: body.FailureStatusCode));
    }

    private static IResult MissingEmail() => TypedResults.BadRequest(new AccountError("invalid_request", "The query parameter email is required."));

    private static IResult UnknownAccount() => TypedResults.NotFound(new AccountError("unknown_account", "No vendor account has this e-mail address."));
}

internal sealed record FaultApplied(int AffectedGrants);

internal sealed record ProvisionedAccount(string AccountId);

internal sealed record LostAnswersDisarmed(int Disarmed);
