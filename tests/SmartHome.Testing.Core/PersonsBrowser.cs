using System.Net;
using System.Text.RegularExpressions;

namespace SmartHome.Testing;

/// <summary>Plays a person's browser on the vendor's sign-in page: open the authorize URL, fill the form, follow nothing.</summary>
public static partial class PersonsBrowser
{
    /// <summary>
    /// Signs in on the page at <paramref name="authorizeUrl"/>; returns the 302's Location (the client's redirect_uri with code and
    /// state). Any other answer throws <see cref="SmartHomeWorldException"/> with its status and body.
    /// </summary>
    public static async Task<Uri> SignInAsync(Uri authorizeUrl, string email, string password, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(authorizeUrl, cancellationToken);
        var action = FormAction().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : authorizeUrl.AbsolutePath;
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(page))
        {
            var attributes = Attribute().Matches(input.Value)
                .ToDictionary(a => a.Groups["key"].Value.ToLowerInvariant(), a => WebUtility.HtmlDecode(a.Groups["value"].Value));
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value", "");
            }
        }

        fields["email"] = email;
        fields["password"] = password;

        using var signIn = await browser.PostAsync(new Uri(authorizeUrl, action), new FormUrlEncodedContent(fields), cancellationToken);
        var body = await signIn.Content.ReadAsStringAsync(cancellationToken);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SmartHomeWorldException($"The sign-in page answered {(int)signIn.StatusCode}: {body}");
        }

        return signIn.Headers.Location ?? throw new InvalidOperationException("No Location after sign-in");
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("(?<key>[a-zA-Z_-]+)\\s*=\\s*[\"'](?<value>[^\"']*)[\"']")]
    private static partial Regex Attribute();
}
