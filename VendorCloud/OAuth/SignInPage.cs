using System.Net;
using System.Text;
using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// The HTML the authorization endpoint shows: the sign-in form and the error page. It says who is asking for access to
/// the person's account and to what, looks like the app the person came from (<see cref="PersonPageStyle"/>), and keeps
/// what was typed (the e-mail address; never the password) when it shows an error.
/// </summary>
internal static class SignInPage
{
    /// <summary>The authorization request parameters carried through the form as hidden fields.</summary>
    public static readonly string[] RequestParameters =
        ["response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope"];

    /// <summary>Who is asking and whose account it is, in the person's words (OAuth:ClientDisplayName, OAuth:ServiceDisplayName).</summary>
    public sealed record Names(string Client, string Service)
    {
        public static readonly Names Default = new("Assistant", "My SmartHome");
    }

    public static IResult Form(IReadOnlyDictionary<string, string?> request, string? email, string? message,
        int statusCode = StatusCodes.Status200OK, Names? names = null)
    {
        names ??= Names.Default;
        var html = new StringBuilder();
        Head(html, $"Sign in to {names.Service}", names.Service);
        html.Append("<h1>Sign in to link your account</h1>");
        html.Append("<p class=\"note\" id=\"consent\"><strong>").Append(Encode(names.Client)).Append("</strong> is asking for access to your <strong>")
            .Append(Encode(names.Service)).Append("</strong> account, to ").Append(Encode(ScopeInWords(request.GetValueOrDefault("scope")))).Append(".</p>");
        if (message is not null)
        {
            html.Append("<p class=\"alert\" role=\"alert\">").Append(Encode(message)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/oauth/authorize\" class=\"card\">");
        foreach (var name in RequestParameters)
        {
            if (request.TryGetValue(name, out var value) && value is not null)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
            }
        }

        html.Append("<label for=\"email\">E-mail</label><input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" value=\"")
            .Append(Encode(email ?? "")).Append("\" required").Append(string.IsNullOrEmpty(email) ? " autofocus" : "").Append('>');
        html.Append("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required")
            .Append(string.IsNullOrEmpty(email) ? "" : " autofocus").Append('>');
        html.Append("<p class=\"row\"><button type=\"submit\">Sign in</button></p></form>");
        html.Append("<p class=\"muted\">Signing in allows ").Append(Encode(names.Client)).Append(" to do this until you unlink it or change your password. ")
            .Append("Not what you wanted? Close this page: nothing is linked.</p>");
        Foot(html);
        return Html(html.ToString(), statusCode);
    }

    /// <summary>Shown instead of a redirect when the client or redirect URI cannot be trusted (RFC 6749 4.1.2.1).</summary>
    public static IResult Error(string message)
    {
        var html = new StringBuilder();
        Head(html, "Sign-in error", Names.Default.Service);
        html.Append("<h1>This sign-in link is not valid</h1><p class=\"alert\" role=\"alert\">").Append(Encode(message)).Append("</p>");
        Foot(html);
        return Html(html.ToString(), StatusCodes.Status400BadRequest);
    }

    /// <summary>429: the client (by its address) has sent too many sign-ins; the page says when to try again.</summary>
    public static IResult TooManyAttempts(string message)
    {
        var html = new StringBuilder();
        Head(html, "Sign in", Names.Default.Service);
        html.Append("<h1>Sign in to link your account</h1><p class=\"alert\" role=\"alert\">").Append(Encode(message)).Append("</p>");
        Foot(html);
        return Html(html.ToString(), StatusCodes.Status429TooManyRequests);
    }

    /// <summary>What the requested scope lets the client do, in words.</summary>
    public static string ScopeInWords(string? scope) => scope?.Trim() switch
    {
        null or "" or "smarthome" => "see your devices and their state, switch them on and off, and dim them",
        var other => $"use your account (scope: {other})",
    };

    private static void Head(StringBuilder html, string title, string service) =>
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style>").Append(PersonPageStyle.Css).Append("</style></head><body>")
            .Append("<header class=\"bar\"><span class=\"brand\">").Append(Encode(service)).Append("</span></header><main>");

    private static void Foot(StringBuilder html) => html.Append("</main></body></html>");

    private static IResult Html(string html, int statusCode) =>
        TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
