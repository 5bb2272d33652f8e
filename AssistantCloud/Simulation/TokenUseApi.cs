using Microsoft.AspNetCore.Mvc;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Simulation;

/// <summary>
/// <c>POST /sim/token-uses</c> (a switch of the simulation, refused outside Development like every <c>/sim</c> path): many
/// people use the skill at once, each as far as the token (<see cref="TokenUses"/>). The link-policy study sends a day's
/// uses in one request instead of one utterance each.
/// </summary>
public static class TokenUseApi
{
    public static IEndpointRouteBuilder MapTokenUseApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sim/token-uses", UseAsync).WithName("PostTokenUses").Produces<TokenUseBatch>().ProducesValidationProblem()
            // A batch of up to 2,000 users is larger than the other /sim switches' 8 KB.
            .WithBodyLimit(BodyLimits.Default);
        return app;
    }

    private static async Task<IResult> UseAsync(TokenUseRequest? request, [FromServices] TokenUses uses, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Users is not { Count: > 0 } users || users.Any(string.IsNullOrWhiteSpace))
        {
            errors["users"] = ["One or more users are required, none of them blank."];
        }
        else if (users.Count > TokenUses.MaxUsers)
        {
            errors["users"] = [$"At most {TokenUses.MaxUsers} users at once."];
        }

        var parallelism = request?.Parallelism ?? TokenUses.DefaultParallelism;
        if (parallelism is < 1 or > TokenUses.MaxParallelism)
        {
            errors["parallelism"] = [$"Between 1 and {TokenUses.MaxParallelism}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The token uses are incomplete.");
        }

        return TypedResults.Ok(await uses.UseAsync(request!.Users!, parallelism, cancellationToken));
    }
}
