using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Utterances;

public static class UtteranceApi
{
    public static IEndpointRouteBuilder MapUtteranceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/utterances", HandleUtteranceAsync)
            .WithName("PostUtterance")
            .Produces<UtteranceResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    // The body is read by hand so that bad JSON is a 400 ProblemDetails, not a framework exception.
    private static async Task<IResult> HandleUtteranceAsync(
        HttpRequest request,
        UtteranceHandler handler,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        UtteranceRequest? utterance;
        try
        {
            utterance = await JsonSerializer.DeserializeAsync<UtteranceRequest>(request.Body, json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(
                title: "The body is not a valid utterance.",
                detail: """Expected a JSON object {"user": "...", "text": "..."}.""",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(utterance?.User))
        {
            errors["user"] = ["The user who speaks is required."];
        }

        if (string.IsNullOrWhiteSpace(utterance?.Text))
        {
            errors["text"] = ["The text of the utterance is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The utterance is incomplete.");
        }

        return TypedResults.Ok(await handler.HandleAsync(utterance!.User!.Trim(), utterance.Text!, cancellationToken));
    }
}
