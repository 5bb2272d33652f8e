using System.Net;

namespace SmartHome.AssistantCloud.Users;

/// <summary>The small HTML pages the browser lands on after the vendor's sign-in.</summary>
internal static class LinkCallbackPage
{
    public static IResult Linked(string skillName, string assistantName, int endpointCount) => Page(
        StatusCodes.Status200OK,
        "Account linked",
        $"{skillName} has been successfully linked with {assistantName}. {endpointCount} device(s) found. You can close this window.");

    public static IResult Failed(string skillName, string error, string? description) => Page(
        StatusCodes.Status400BadRequest,
        "Account linking failed",
        $"{skillName} could not be linked ({error}). {description} Start linking again from the app.");

    private static IResult Page(int statusCode, string title, string message)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
