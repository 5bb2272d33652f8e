using System.Text.RegularExpressions;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Replaces the values of query strings with <see cref="Redacted"/>: an OAuth callback carries its code and
/// state there, an authorize request its state and PKCE challenge. Names stay, so a trace still says which
/// parameters a request had.
/// </summary>
public static partial class QueryRedaction
{
    public const string Redacted = "Redacted";

    /// <summary>A query (with or without its '?'): every value redacted.</summary>
    public static string RedactQuery(string query) => QueryValue().Replace(query, Redacted);

    /// <summary>Any text: every query value in it (after '?name=' or '&amp;name=') redacted.</summary>
    public static string RedactText(string text) =>
        text.Contains('=', StringComparison.Ordinal) && (text.Contains('?', StringComparison.Ordinal) || text.Contains('&', StringComparison.Ordinal))
            ? ValueInText().Replace(text, Redacted)
            : text;

    // In a bare query the first parameter has no leading '?' or '&'.
    [GeneratedRegex("(?<=(?:^|[?&])[^=&#]*=)[^&#]+")]
    private static partial Regex QueryValue();

    [GeneratedRegex("""(?<=[?&][^=&#\s"'<>?]{1,128}=)[^&#\s"'<>]+""")]
    private static partial Regex ValueInText();
}
