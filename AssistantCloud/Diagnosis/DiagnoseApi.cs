using SmartHome.AssistantCloud.PersonApp;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary><c>GET /api/diagnose?user=&amp;device=</c>: why doesn't my light work?</summary>
public static class DiagnoseApi
{
    public static IEndpointRouteBuilder MapDiagnoseApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/diagnose", DiagnoseAsync)
            .WithName("Diagnose")
            .Produces<DiagnosisReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> DiagnoseAsync(string? user, string? device, HttpContext context, DiagnosisService diagnosis, CancellationToken cancellationToken)
    {
        // The session's person, or (while the development switch allows it) the one named without a session.
        (user, var denied) = PersonAccess.Resolve(context, user);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(user))
        {
            errors["user"] = ["The person (assistant user) is required."];
        }

        if (string.IsNullOrWhiteSpace(device))
        {
            errors["device"] = ["The device, as spoken, is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The diagnosis needs a user and a device.");
        }

        return await diagnosis.DiagnoseAsync(user!.Trim(), device!.Trim(), cancellationToken) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(title: "Unknown user.", detail: $"There is no assistant user '{user.Trim()}'.",
                statusCode: StatusCodes.Status404NotFound);
    }
}
