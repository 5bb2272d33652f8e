using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel;
using Microsoft.AspNetCore.WebUtilities;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Seeding;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>The check's HTTP: the metadata, the sign-in form as a browser fills it, the token endpoint, the skill endpoint.</summary>
internal sealed partial class SkillConformanceCheck
{
    /// <summary>A token endpoint answer: tokens, or the OAuth error; how long it took.</summary>
    private sealed record TokenAnswer(int Status, string? AccessToken, string? RefreshToken, int? ExpiresIn, string? Error, TimeSpan Took, string? Problem)
    {
        public bool Succeeded => AccessToken is not null;

        public string Describe() => Problem is not null
            ? $"no answer ({Problem})"
            : Succeeded
                ? $"HTTP {Status} with an access token{(ExpiresIn is { } s ? $" (expires_in {s} s)" : "")}{(RefreshToken is null ? ", no refresh token" : " and a refresh token")}"
                : $"HTTP {Status} {Error ?? "(no OAuth error code)"}";
    }

    /// <summary>Where a sign-in ended: a code (with the state echoed or not), an OAuth error, or a problem in words.</summary>
    private sealed record SignInOutcome(string? Code, bool StateEchoed, string? Error, string? Problem);

    private async Task<AuthorizationServerMetadata> ReadMetadataAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(_skill.MetadataAddress, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AuthorizationServerMetadataException($"{_skill.MetadataAddress} answered HTTP {(int)response.StatusCode}");
        }

        return await response.Content.ReadFromJsonAsync<AuthorizationServerMetadata>(cancellationToken)
               ?? throw new AuthorizationServerMetadataException($"{_skill.MetadataAddress} answered no document");
    }

    /// <summary>The authorize URL, with PKCE S256 when a verifier is given.</summary>
    private Uri AuthorizeUrl(AuthorizationServerMetadata metadata, string state, string? codeVerifier)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = _linking.ClientId,
            ["response_type"] = "code",
            ["scope"] = _linking.Scope,
            ["redirect_uri"] = _linking.RedirectUri,
            ["state"] = state,
        };
        if (codeVerifier is not null)
        {
            query["code_challenge"] = CodeChallenge(codeVerifier);
            query["code_challenge_method"] = OidcConstants.CodeChallengeMethods.Sha256;
        }

        return new Uri(QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint!.ToString(), query));
    }

    /// <summary>Opens the authorize page, fills in the test account's e-mail and password, and reads the redirect back to the assistant.</summary>
    private async Task<SignInOutcome> SignInAsync(AuthorizationServerMetadata metadata, string state, string? codeVerifier, CancellationToken cancellationToken)
    {
        var pageUri = BrowserAddress.ForThisProcess(AuthorizeUrl(metadata, state, codeVerifier), metadata, _skill);
        using var page = await _http.GetAsync(pageUri, cancellationToken);
        if (page.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect && page.Headers.Location is { } early)
        {
            // Refused before any sign-in (a redirect back with an OAuth error), or already signed in.
            return ReadRedirect(early, pageUri, state);
        }

        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK || SignInForm.Parse(html, pageUri) is not { } form)
        {
            return new SignInOutcome(null, false, null, $"the authorize page answered HTTP {(int)page.StatusCode} with no sign-in form");
        }

        var fields = new Dictionary<string, string>(form.HiddenFields)
        {
            ["email"] = _skill.TestAccountEmail,
            ["password"] = _skill.TestAccountPassword,
        };
        using var submitted = await _http.PostAsync(form.Action, new FormUrlEncodedContent(fields), cancellationToken);
        return submitted.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect && submitted.Headers.Location is { } location
            ? ReadRedirect(location, pageUri, state)
            : new SignInOutcome(null, false, null, $"signing in answered HTTP {(int)submitted.StatusCode}, not a redirect back to the assistant");
    }

    private static SignInOutcome ReadRedirect(Uri location, Uri pageUri, string state)
    {
        var query = QueryHelpers.ParseQuery((location.IsAbsoluteUri ? location : new Uri(pageUri, location)).Query);
        var echoed = query.TryGetValue("state", out var back) && back == state;
        if (query.TryGetValue("error", out var error))
        {
            return new SignInOutcome(null, echoed, error.ToString(), null);
        }

        return query.TryGetValue("code", out var code) && code.ToString().Length > 0
            ? new SignInOutcome(code.ToString(), echoed, null, null)
            : new SignInOutcome(null, echoed, null, "the redirect back carries neither a code nor an error");
    }

    private Task<TokenAnswer> RedeemAsync(AuthorizationServerMetadata metadata, string code, string codeVerifier, CancellationToken cancellationToken) =>
        TokenRequestAsync(metadata, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = _linking.RedirectUri,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    private Task<TokenAnswer> RefreshAsync(AuthorizationServerMetadata metadata, string refreshToken, CancellationToken cancellationToken) =>
        TokenRequestAsync(metadata, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>One request at the token endpoint with the assistant's client credentials (HTTP Basic), timed.</summary>
    private async Task<TokenAnswer> TokenRequestAsync(AuthorizationServerMetadata metadata, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = ClientCredentials();
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var took = Stopwatch.GetElapsedTime(started);
            _tokenTimes.Add(took);
            var json = TryParse(body);
            return new TokenAnswer((int)response.StatusCode, SkillAnswer.Text(json?["access_token"]), SkillAnswer.Text(json?["refresh_token"]),
                json?["expires_in"] is JsonValue expires && expires.TryGetValue<int>(out var seconds) ? seconds : null,
                SkillAnswer.Text(json?["error"]), took, null);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var took = Stopwatch.GetElapsedTime(started);
            _tokenTimes.Add(took);
            return new TokenAnswer(0, null, null, null, null, took, ex is TaskCanceledException ? $"no answer within {took.TotalSeconds:0.0} s" : ex.Message);
        }
    }

    /// <summary>RFC 7009 revocation of a token, best effort: true when the server answered 200.</summary>
    private async Task<bool> RevokeAsync(AuthorizationServerMetadata metadata, string token, string hint, CancellationToken cancellationToken)
    {
        if (metadata.RevocationEndpoint is null)
        {
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.RevocationEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = hint }),
        };
        request.Headers.Authorization = ClientCredentials();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Posts one directive to the skill endpoint within Alexa's 8 s.</summary>
    private async Task<SkillAnswer> SendAsync(JsonObject directive, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(DirectiveBudget);
        try
        {
            using var content = new StringContent(directive.ToJsonString(), Encoding.UTF8, MediaTypeNames.Application.Json);
            using var response = await _http.PostAsync(_skill.Endpoint, content, budget.Token);
            var body = await response.Content.ReadAsStringAsync(budget.Token);
            return SkillAnswer.Parse((int)response.StatusCode, body, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var took = Stopwatch.GetElapsedTime(started);
            return SkillAnswer.Failed(ex is OperationCanceledException ? $"no answer within {DirectiveBudget.TotalSeconds:0} s" : ex.Message, took);
        }
    }

    private AuthenticationHeaderValue ClientCredentials() =>
        // RFC 6749 2.3.1: id and secret form-urlencoded, then Basic.
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(_linking.ClientId)}:{Uri.EscapeDataString(_linking.ClientSecret)}")));

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string NewVerifier() => CryptoRandom.CreateUniqueId(48, CryptoRandom.OutputFormat.Base64Url);

    private static string CodeChallenge(string verifier) => LinkService.CodeChallenge(verifier);
}
