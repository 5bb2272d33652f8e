using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.Skill;

/// <summary>The skill endpoint: Alexa directives in, events out, always 200 (as a Lambda skill answers).</summary>
internal static class SkillApi
{
    /// <summary>Directives are small; a larger body is refused as a malformed directive, not read.</summary>
    private const int MaxDirectiveBytes = 64 * 1024;

    public static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEndpointRouteBuilder MapSkillApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/alexa/v3/directives", HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, SkillDirectiveHandler handler, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxDirectiveBytes)
            {
                return Results.Json(AlexaEvents.Error(null, new SkillFailure(AlexaErrorTypes.InvalidDirective, "The directive is too large.")),
                    EventJson);
            }

            body.Write(buffer, 0, read);
        }

        var message = await handler.HandleAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
        return Results.Json(message, EventJson);
    }
}
