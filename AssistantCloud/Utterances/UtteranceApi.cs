using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Utterances;

public static class UtteranceApi
{
    public static IEndpointRouteBuilder MapUtteranceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/utterances", HandleUtteranceAsync)
            .WithName("PostUtterance")
            .Produces<UtteranceResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithBodyLimit(BodyLimits.SmallJson);
        return app;
    }

    // The body is read by hand so that bad JSON is a 400 and a body over the limit a 413 ProblemDetails, not a framework exception.
    private static async Task<IResult> HandleUtteranceAsync(
        HttpRequest request,
        UtteranceHandler handler,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UtteranceRequest>(request, json.Value.SerializerOptions, cancellationToken);
        switch (body.Status)
        {
            case JsonBodyStatus.TooLarge:
                return TypedResults.Problem(
                    title: "The utterance is too large.",
                    detail: $"An utterance body is at most {BodyLimits.SmallJson} bytes.",
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            case JsonBodyStatus.Malformed or JsonBodyStatus.Unreadable:
                return TypedResults.Problem(
                    title: "The body is not a valid utterance.",
                    detail: """Expected a JSON object {"user": "...", "text": "..."}.""",
                    statusCode: StatusCodes.Status400BadRequest);
        }

        var utterance = body.Value;
        // The session's person speaks; without a session the body names them (while the development switch allows it).
        var (person, denied) = PersonAccess.Resolve(request.HttpContext, utterance?.User);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(person))
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

        return TypedResults.Ok(await handler.HandleAsync(person!, utterance!.Text!, cancellationToken));
    }
}
