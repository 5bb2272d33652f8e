using System.Text.Json;
using System.Text.Json.Serialization;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Alexa;

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
        // Kestrel refuses a larger Content-Length at the first read; a chunked body is cut off here at the same size.
        app.MapPost("/alexa/v3/directives", HandleAsync).DisableAntiforgery().WithBodyLimit(MaxDirectiveBytes);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, SkillDirectiveHandler handler, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        do
        {
            try
            {
                read = await request.Body.ReadAsync(buffer, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return InvalidDirective("The directive is too large.");
            }
            catch (Exception ex) when (ex is BadHttpRequestException or IOException)
            {
                return InvalidDirective("The directive could not be read.");
            }

            if (body.Length + read > MaxDirectiveBytes)
            {
                return InvalidDirective("The directive is too large.");
            }

            body.Write(buffer, 0, read);
        }
        while (read > 0);

        var message = await handler.HandleAsync(body.GetBuffer().AsMemory(0, (int)body.Length), cancellationToken);
        return TypedResults.Json(message, EventJson);
    }

    /// <summary>Alexa's answer to a body it cannot take, 200 like every skill answer.</summary>
    private static IResult InvalidDirective(string message) =>
        TypedResults.Json(AlexaEvents.Error(null, new SkillFailure(AlexaErrorTypes.InvalidDirective, message)), EventJson);
}
