using System.Net;

namespace SmartHome.AssistantCloud.Users;

/// <summary>The small HTML pages the browser lands on after the vendor's sign-in.</summary>
internal static class LinkCallbackPage
{
    public static IResult Linked(string skillName, string assistantName, int endpointCount, Uri? app = null) => Page(
        StatusCodes.Status200OK,
        "Account linked",
        $"{skillName} has been successfully linked with {assistantName}. {endpointCount} device(s) found. You can close this window.",
        app, assistantName);

    public static IResult Failed(string skillName, string error, string? description, Uri? app = null) => Page(
        StatusCodes.Status400BadRequest,
        "Account linking failed",
        $"{skillName} could not be linked ({error}). {description} Start linking again from the app.",
        app, "Assistant");

    // Styled as the app; links to it when its address is known (a link started with curl lands here).
    private static IResult Page(int statusCode, string title, string message, Uri? app, string assistantName)
    {
        var back = app is null ? "" : $"<p><a class=\"button\" href=\"{WebUtility.HtmlEncode(new Uri(app, "/skills").ToString())}\">Open the {WebUtility.HtmlEncode(assistantName)} app</a></p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{WebUtility.HtmlEncode(title)}</title><style>{SmartHome.ServiceDefaults.PersonPageStyle.Css}</style></head>
            <body><header class="bar"><span class="brand">{WebUtility.HtmlEncode(assistantName)}</span></header><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p>{back}</main></body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
