using System.Net;
using System.Text;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>The HTML the authorization endpoint shows: the sign-in form and the error page.</summary>
internal static class SignInPage
{
    /// <summary>The authorization request parameters carried through the form as hidden fields.</summary>
    public static readonly string[] RequestParameters =
        ["response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"];

    public static IResult Form(IReadOnlyDictionary<string, string?> request, string? email, string? message,
        int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title></head><body>");
        html.Append("<h1>Sign in to link your account</h1>");
        if (message is not null)
        {
            html.Append("<p role=\"alert\">").Append(Encode(message)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/oauth/authorize\">");
        foreach (var name in RequestParameters)
        {
            if (request.TryGetValue(name, out var value) && value is not null)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
            }
        }

        html.Append("<label>E-mail <input type=\"email\" name=\"email\" autocomplete=\"username\" value=\"")
            .Append(Encode(email ?? "")).Append("\" required></label>");
        html.Append("<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>");
        html.Append("<button type=\"submit\">Sign in</button></form></body></html>");
        return Html(html.ToString(), statusCode);
    }

    /// <summary>Shown instead of a redirect when the client or redirect URI cannot be trusted (RFC 6749 4.1.2.1).</summary>
    public static IResult Error(string message) =>
        Html($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in error</title></head><body>"
            + $"<h1>This sign-in link is not valid</h1><p>{Encode(message)}</p></body></html>",
            StatusCodes.Status400BadRequest);

    /// <summary>429: the client (by its address) has sent too many sign-ins; the page says when to try again.</summary>
    public static IResult TooManyAttempts(string message) =>
        Html($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title></head><body>"
            + $"<h1>Sign in to link your account</h1><p role=\"alert\">{Encode(message)}</p></body></html>",
            StatusCodes.Status429TooManyRequests);

    private static IResult Html(string html, int statusCode) =>
        TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
