using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>HTTP endpoints of the authorization server: /oauth/authorize, /oauth/token, /oauth/revoke.</summary>
internal static class OAuthApi
{
    public const long OAuthBodyLimit = 16 * 1024;

    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        // An authorization request, a sign-in form or a token request is a few hundred bytes.
        var oauth = app.MapGroup("/oauth").WithBodyLimit(OAuthBodyLimit);
        oauth.MapGet("/authorize", AuthorizeAsync);
        oauth.MapPost("/authorize", SignInAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn);
        oauth.MapPost("/token", TokenAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.Token);
        oauth.MapPost("/revoke", RevokeAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.Token);
        app.MapAuthorizationServerMetadata();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpRequest request, AuthorizationServer server, IOptions<OAuthOptions> options,
        CancellationToken cancellationToken)
    {
        var parameters = SignInPage.RequestParameters.ToDictionary(name => name, name => (string?)request.Query[name].ToString());
        var problem = await ValidateAuthorizationRequestAsync(parameters, server, cancellationToken);
        return problem ?? SignInPage.Form(parameters, email: null, message: null, names: PageNames(options.Value));
    }

    private static SignInPage.Names PageNames(OAuthOptions options) => new(options.ClientDisplayName, options.ServiceDisplayName);

    private static async Task<IResult> SignInAsync(HttpRequest request, AuthorizationServer server, AccountSignIn accounts,
        SignInThrottle throttle, IOptions<OAuthOptions> options, CancellationToken cancellationToken)
    {
        var names = PageNames(options.Value);
        var form = await ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return SignInPage.Error("The sign-in form was not submitted.");
        }

        var parameters = SignInPage.RequestParameters.ToDictionary(name => name, name => (string?)form[name].ToString());
        // The hidden fields come back from the browser: check them as strictly as the original request.
        var problem = await ValidateAuthorizationRequestAsync(parameters, server, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var email = form["email"].ToString();
        var password = form["password"].ToString();
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(email, address) is { } wait)
        {
            // Checked before the password: while throttled even the right one waits (no oracle for a guesser).
            var message = RateLimits.SetRetryAfter(request.HttpContext.Response, wait);
            return SignInPage.Form(parameters, email, message, StatusCodes.Status429TooManyRequests, names);
        }

        var account = email.Length == 0 || password.Length == 0
            ? null
            : await accounts.SignInAsync(email, password, cancellationToken);
        if (account is null)
        {
            if (email.Length > 0 && password.Length > 0)
            {
                throttle.RecordFailure(email, address);
            }

            return SignInPage.Form(parameters, email, "The e-mail address or password is not correct.", names: names);
        }

        throttle.RecordSuccess(email, address);

        var client = (await server.FindClientAsync(parameters["client_id"], cancellationToken))!;
        var redirectUri = parameters["redirect_uri"]!;
        var code = await server.IssueCodeAsync(client, redirectUri, parameters["code_challenge"]!, account.AccountId, cancellationToken);
        return new CodeRedirect(AppendQuery(redirectUri, ("code", code), ("state", parameters["state"])));
    }

    /// <summary>
    /// Null when the request may proceed. An untrusted client or redirect URI gets an error page (never a
    /// redirect); other problems are redirected back with the OAuth error and the state.
    /// </summary>
    private static async Task<IResult?> ValidateAuthorizationRequestAsync(IReadOnlyDictionary<string, string?> parameters,
        AuthorizationServer server, CancellationToken cancellationToken)
    {
        var client = await server.FindClientAsync(parameters["client_id"], cancellationToken);
        if (client is null)
        {
            return SignInPage.Error("The application asking you to sign in is not known.");
        }

        var redirectUri = client.RedirectUri;
        if (!string.Equals(parameters["redirect_uri"], redirectUri, StringComparison.Ordinal))
        {
            return SignInPage.Error("The address to return to is not registered for this application.");
        }

        var state = parameters["state"];
        var responseType = parameters["response_type"];
        if (string.IsNullOrEmpty(responseType))
        {
            return RedirectError(redirectUri, OAuthErrorCodes.InvalidRequest, "response_type is required.", state);
        }

        if (responseType != "code")
        {
            return RedirectError(redirectUri, OAuthErrorCodes.UnsupportedResponseType, "Only response_type=code is supported.", state);
        }

        if (string.IsNullOrEmpty(parameters["code_challenge"]) || parameters["code_challenge_method"] != Security.Pkce.S256)
        {
            return RedirectError(redirectUri, OAuthErrorCodes.InvalidRequest, "PKCE with code_challenge_method=S256 is required.", state);
        }

        if (!Security.Pkce.IsValidS256Challenge(parameters["code_challenge"]!))
        {
            return RedirectError(redirectUri, OAuthErrorCodes.InvalidRequest, "code_challenge is not a valid S256 challenge.", state);
        }

        return null;
    }

    private static async Task<IResult> TokenAsync(HttpContext context, AuthorizationServer server, OAuthCounters counters,
        [FromServices] Simulation.LostRefreshAnswers lostAnswers, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        var form = await ReadFormAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return Failed(context, null, new OAuthError(OAuthErrorCodes.InvalidRequest, "The request must be application/x-www-form-urlencoded."));
        }

        var grantType = form["grant_type"].ToString();
        var knownGrantType = grantType is GrantTypes.AuthorizationCode or GrantTypes.RefreshToken ? grantType : null;
        Activity.Current?.SetTag("oauth.grant_type", knownGrantType ?? (grantType.Length == 0 ? "(none)" : "(unsupported)"));
        var result = await ExchangeAsync(context, form, grantType, server, cancellationToken);
        // The count and the lossy network's question go to Redis together (one round trip, not two).
        var counted = knownGrantType is null
            ? Task.CompletedTask
            : counters.TokenRequestAsync(knownGrantType, result.Error?.Error ?? OAuthCounters.Success, cancellationToken);
        // The record of the token just issued is in memory (RecentAccessTokens): no read.
        var lost = knownGrantType == GrantTypes.RefreshToken && result.Response is { } issued
            ? LosesAnswerAsync(server, lostAnswers, issued.AccessToken, cancellationToken)
            : Task.FromResult(false);
        await Task.WhenAll(counted, lost);
        if (await lost)
        {
            // The simulation's lossy network: the tokens are rotated and stored, but the answer never arrives.
            context.Abort();
            return TypedResults.Empty;
        }

        return result.Error is null ? TypedResults.Json(result.Response) : Failed(context, result.LinkReason, result.Error);
    }

    /// <summary>Whether the simulation's lossy network loses this refresh answer (armed for the token's account).</summary>
    private static async Task<bool> LosesAnswerAsync(AuthorizationServer server, Simulation.LostRefreshAnswers lostAnswers, string accessToken,
        CancellationToken cancellationToken) =>
        await server.FindAccessTokenAsync(accessToken, cancellationToken) is { } record
        && await lostAnswers.TryTakeAsync(record.AccountId, cancellationToken);

    private static async Task<TokenResult> ExchangeAsync(HttpContext context, IFormCollection form, string grantType,
        AuthorizationServer server, CancellationToken cancellationToken)
    {
        var (client, failure) = await AuthenticateClientAsync(context, form, server, cancellationToken);
        if (client is null)
        {
            return new TokenResult(null, failure);
        }

        string? Field(string name) => form[name].Count == 1 && form[name][0]!.Length > 0 ? form[name][0] : null;

        switch (grantType)
        {
            case GrantTypes.AuthorizationCode:
                var (code, redirectUri, verifier) = (Field("code"), Field("redirect_uri"), Field("code_verifier"));
                return code is null || redirectUri is null || verifier is null
                    ? TokenResult.Fail(OAuthErrorCodes.InvalidRequest, "code, redirect_uri and code_verifier are required.")
                    : await server.RedeemCodeAsync(client, code, redirectUri, verifier, cancellationToken);
            case GrantTypes.RefreshToken:
                var refreshToken = Field("refresh_token");
                return refreshToken is null
                    ? TokenResult.Fail(OAuthErrorCodes.InvalidRequest, "refresh_token is required.")
                    : await server.RefreshAsync(client, refreshToken, cancellationToken);
            case "":
                return TokenResult.Fail(OAuthErrorCodes.InvalidRequest, "grant_type is required.");
            default:
                return TokenResult.Fail(OAuthErrorCodes.UnsupportedGrantType, "Only authorization_code and refresh_token are supported.");
        }
    }

    /// <summary>The error answer; the request's span is marked Error with the code and the link's reason (never a token).</summary>
    private static IResult Failed(HttpContext context, string? linkReason, OAuthError error)
    {
        var activity = Activity.Current;
        if (activity is not null)
        {
            activity.SetTag("oauth.error", error.Error);
            if (linkReason is not null)
            {
                activity.SetTag("smarthome.link.reason", linkReason);
            }

            activity.SetStatus(ActivityStatusCode.Error, $"{error.Error}: {error.Description}");
            RequestSpanName.Set(activity, $"token refused: {error.Error}");
        }

        if (error.Error == OAuthErrorCodes.InvalidClient && context.Request.Headers.Authorization.Count > 0)
        {
            context.Response.Headers.WWWAuthenticate = BasicClientCredentials.Challenge;
        }

        return Error(error);
    }

    /// <summary>The form, or null when the body is not a readable urlencoded form (answered invalid_request, never a 500).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, AuthorizationServer server, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        var form = await ReadFormAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return Error(OAuthErrorCodes.InvalidRequest, "The request must be application/x-www-form-urlencoded.");
        }

        var (client, failure) = await AuthenticateClientAsync(context, form, server, cancellationToken);
        if (client is null)
        {
            return Failed(context, null, failure!);
        }

        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return Error(OAuthErrorCodes.InvalidRequest, "token is required.");
        }

        await server.RevokeAsync(client, token, cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>RFC 6749 2.3.1: HTTP Basic (form-urlencoded id and secret) or client_id/client_secret in the body, not both.</summary>
    private static async Task<(Accounts.OAuthClient? Client, OAuthError? Failure)> AuthenticateClientAsync(HttpContext context,
        IFormCollection form, AuthorizationServer server, CancellationToken cancellationToken)
    {
        var basic = BasicClientCredentials.Read(context.Request, out var clientId, out var clientSecret);
        if (basic != BasicCredentialsStatus.Absent)
        {
            if (basic == BasicCredentialsStatus.Malformed)
            {
                return (null, ClientError);
            }

            if (form.ContainsKey("client_secret"))
            {
                return (null, new OAuthError(OAuthErrorCodes.InvalidRequest, "Use one client authentication method, not two."));
            }

            if (form.TryGetValue("client_id", out var formClientId) && formClientId.ToString() != clientId)
            {
                return (null, ClientError);
            }
        }
        else
        {
            clientId = form["client_id"].ToString();
            clientSecret = form["client_secret"].ToString();
        }

        var client = await server.AuthenticateClientAsync(clientId, clientSecret, cancellationToken);
        return client is null ? (null, ClientError) : (client, null);
    }

    /// <summary>RFC 6749 5.2: 401, with WWW-Authenticate when the client tried HTTP Basic (added by <see cref="Failed"/>).</summary>
    private static readonly OAuthError ClientError = new(OAuthErrorCodes.InvalidClient, "Client authentication failed.");

    private static IResult Error(string error, string description) => Error(new OAuthError(error, description));

    private static IResult Error(OAuthError error) => TypedResults.Json(error, statusCode: error.StatusCode);

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    private static IResult RedirectError(string redirectUri, string error, string description, string? state) =>
        new CodeRedirect(AppendQuery(redirectUri, ("error", error), ("error_description", description), ("state", state)));

    private static string AppendQuery(string uri, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(uri, parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
}
