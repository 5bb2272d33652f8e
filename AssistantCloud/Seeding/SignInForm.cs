using System.Net;
using System.Text.RegularExpressions;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// The vendor's sign-in form as a browser sees it: where it posts and the hidden fields it carries
/// (the authorize request's parameters), so that the seeding can submit it like a person would.
/// </summary>
public sealed partial record SignInForm(Uri Action, string Method, IReadOnlyDictionary<string, string> HiddenFields)
{
    /// <summary>
    /// Reads the first form that has a password input (else the first form) from
    /// <paramref name="html"/>; a relative action is resolved against <paramref name="pageUri"/>,
    /// a missing one means the page itself. Null when the page has no form.
    /// </summary>
    public static SignInForm? Parse(string html, Uri pageUri)
    {
        var forms = FormElement().Matches(html);
        var form = forms.FirstOrDefault(f => PasswordInput().IsMatch(f.Groups["body"].Value)) ?? forms.FirstOrDefault();
        if (form is null)
        {
            return null;
        }

        var attributes = Attributes(form.Groups["attributes"].Value);
        var action = attributes.TryGetValue("action", out var target) && !string.IsNullOrWhiteSpace(target)
            ? new Uri(pageUri, target)
            : pageUri;
        var method = attributes.TryGetValue("method", out var m) && m.Length > 0 ? m.ToUpperInvariant() : "GET";

        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputElement().Matches(form.Groups["body"].Value))
        {
            var inputAttributes = Attributes(input.Groups["attributes"].Value);
            if (inputAttributes.TryGetValue("type", out var type) && type.Equals("hidden", StringComparison.OrdinalIgnoreCase)
                && inputAttributes.TryGetValue("name", out var name) && name.Length > 0)
            {
                hidden[name] = inputAttributes.GetValueOrDefault("value", "");
            }
        }

        return new SignInForm(action, method, hidden);
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(text))
        {
            // First occurrence wins, as in browsers; values are HTML-decoded (&amp; in URLs).
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(attribute.Groups["value"].Value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex InputElement();

    [GeneratedRegex(@"<input\b[^>]*\btype\s*=\s*[""']?password\b", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+)))?", RegexOptions.ExplicitCapture)]
    private static partial Regex Attribute();
}
