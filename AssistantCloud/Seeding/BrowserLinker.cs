using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// Links a person of the world as their browser would: opens the vendor's authorize URL, fills in
/// the sign-in form with the account's email and password, takes code and state from the redirect and
/// completes the link (authorization code + PKCE, the real flow).
/// </summary>
internal sealed partial class BrowserLinker(
    LinkService links,
    IHttpClientFactory httpClientFactory,
    IAuthorizationServerMetadataSource metadata,
    IOptions<SkillOptions> skillOptions,
    ILogger<BrowserLinker> logger)
{
    /// <summary>A service-discovered HttpClient that does not follow redirects: the 302 is the answer.</summary>
    public const string HttpClientName = "vendor-browser";

    public async Task<LinkCompletion> LinkAsync(string user, string skill, string email, string password, CancellationToken cancellationToken)
    {
        var authorizeUrl = await links.StartLinkAsync(user, skill, email, cancellationToken);

        using var http = httpClientFactory.CreateClient(HttpClientName);
        // Same path and query, but through the configured issuer (service discovery) rather than the browser's address.
        var pageUri = BrowserAddress.ForThisProcess(authorizeUrl, await metadata.GetAsync(cancellationToken), skillOptions.Value);
        using var page = await http.GetAsync(pageUri, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new SeedingException($"The vendor's authorize page answered HTTP {(int)page.StatusCode}.");
        }

        var form = SignInForm.Parse(html, pageUri)
            ?? throw new SeedingException("The vendor's authorize page has no sign-in form.");

        var fields = new Dictionary<string, string>(form.HiddenFields)
        {
            ["email"] = email,
            ["password"] = password,
        };
        using var submitted = await http.PostAsync(form.Action, new FormUrlEncodedContent(fields), cancellationToken);
        if (submitted.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect)
            || submitted.Headers.Location is not { } location)
        {
            throw new SeedingException($"Signing in at the vendor answered HTTP {(int)submitted.StatusCode} instead of a redirect.");
        }

        var query = QueryHelpers.ParseQuery(location.IsAbsoluteUri ? location.Query : new Uri(pageUri, location).Query);
        if (query.TryGetValue("error", out var error))
        {
            throw new SeedingException($"The vendor refused the authorization: {error} {query.GetValueOrDefault("error_description")}");
        }

        if (!query.TryGetValue("code", out var code) || !query.TryGetValue("state", out var state))
        {
            throw new SeedingException("The vendor's redirect carries no code and state.");
        }

        var completion = await links.CompleteLinkAsync(state.ToString(), code.ToString(), cancellationToken);
        if (!completion.Succeeded)
        {
            throw new SeedingException($"Completing the link failed: {completion.Error} {completion.ErrorDescription}");
        }

        LogLinkedAsBrowser(user, skill);
        return completion;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding linked {Skill} for {User} through the vendor's sign-in form")]
    private partial void LogLinkedAsBrowser(string user, string skill);
}
