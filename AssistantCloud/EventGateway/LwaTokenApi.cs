using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// <c>POST /auth/o2/token</c>, Login with Amazon's token endpoint for the skill: form-encoded, the client
/// authenticated by <c>client_id</c> + <c>client_secret</c> in the form or by HTTP Basic (not both), errors as
/// RFC 6749 JSON with <c>Cache-Control: no-store</c>.
/// </summary>
public static partial class LwaTokenApi
{
    public const string Path = "/auth/o2/token";

    public static IEndpointRouteBuilder MapLwaTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ExchangeAsync).WithName("LwaToken").DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, IServiceProvider services)
    {
        var tokens = services.GetRequiredService<LwaTokenService>();
        var options = services.GetRequiredService<IOptions<EventGatewayOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LwaTokenApi).FullName!);
        RequestSpanNameFor(http, "lwa token");
        using var activity = AssistantCloudTelemetry.Source.StartActivity("lwa token exchange");
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        if (!http.Request.HasFormContentType)
        {
            return Error(activity, "invalid_request", "The request must be application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var grantType = Single(form["grant_type"]);
        activity?.SetTag(AssistantCloudTelemetry.OAuthGrantTypeAttribute, grantType);
        RequestSpanNameFor(http, $"lwa token {grantType ?? "(no grant_type)"}");

        var client = Authenticate(http.Request, form, options);
        if (client.Error is not null)
        {
            return Error(activity, client.Error, client.Description!, basic: client.UsedBasic);
        }

        TokenOutcome outcome;
        try
        {
            switch (grantType)
            {
                case null:
                    return Error(activity, "invalid_request", "grant_type is missing.");
                case "authorization_code":
                    if (Single(form["code"]) is not { Length: > 0 } code)
                    {
                        return Error(activity, "invalid_request", "code is missing.");
                    }

                    outcome = await tokens.ExchangeCodeAsync(client.ClientId!, code);
                    break;
                case "refresh_token":
                    if (Single(form["refresh_token"]) is not { Length: > 0 } refresh)
                    {
                        return Error(activity, "invalid_request", "refresh_token is missing.");
                    }

                    outcome = await tokens.RefreshAsync(client.ClientId!, refresh);
                    break;
                default:
                    return Error(activity, "unsupported_grant_type", "Only authorization_code and refresh_token are supported.");
            }
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogStoreFailed(logger, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, "store unavailable");
            return TypedResults.Json(new OAuthError("temporarily_unavailable", "The token service cannot read its store."),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, outcome.User);
        if (!outcome.Succeeded)
        {
            return Error(activity, outcome.Error!, outcome.Description!);
        }

        activity?.SetTag(AssistantCloudTelemetry.OAuthOutcomeAttribute, "issued");
        var issued = outcome.Tokens!;
        return TypedResults.Ok(new TokenResponse(issued.AccessToken, issued.RefreshToken, "bearer", issued.ExpiresInSeconds));
    }

    /// <summary>RFC 6749 2.3.1: Basic (form-url-encoded id and secret) or the form; one method only.</summary>
    private static ClientAuthentication Authenticate(HttpRequest request, IFormCollection form, EventGatewayOptions options)
    {
        string? id = null, secret = null;
        var basic = false;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            basic = true;
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return ClientAuthentication.Failed("invalid_client", "The Basic credentials are malformed.", basic);
                }

                (id, secret) = (Uri.UnescapeDataString(pair[..colon].Replace('+', ' ')), Uri.UnescapeDataString(pair[(colon + 1)..].Replace('+', ' ')));
            }
            catch (FormatException)
            {
                return ClientAuthentication.Failed("invalid_client", "The Basic credentials are malformed.", basic);
            }

            if (form.ContainsKey("client_secret"))
            {
                return ClientAuthentication.Failed("invalid_request", "Use one client authentication method, not both.", basic);
            }
        }
        else
        {
            (id, secret) = (Single(form["client_id"]), Single(form["client_secret"]));
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            return ClientAuthentication.Failed("invalid_client", "Client authentication is missing.", basic);
        }

        var known = options.SkillClientSecret.Length > 0 && id == options.SkillClientId
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(options.SkillClientSecret));
        return known ? new ClientAuthentication(id, null, null, basic) : ClientAuthentication.Failed("invalid_client", "The client is unknown or its secret is wrong.", basic);
    }

    private static IResult Error(Activity? activity, string error, string description, bool basic = false)
    {
        activity?.SetTag(AssistantCloudTelemetry.OAuthErrorAttribute, error);
        activity?.SetTag(AssistantCloudTelemetry.OAuthOutcomeAttribute, "refused");
        activity?.SetStatus(ActivityStatusCode.Error, error);
        var status = error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
        return new OAuthErrorResult(new OAuthError(error, description), status, basic && status == StatusCodes.Status401Unauthorized);
    }

    private static void RequestSpanNameFor(HttpContext http, string name) =>
        SmartHome.ServiceDefaults.RequestSpanName.Set(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity, name);

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "The token service cannot read its store: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);

    private sealed record ClientAuthentication(string? ClientId, string? Error, string? Description, bool UsedBasic)
    {
        public static ClientAuthentication Failed(string error, string description, bool basic) => new(null, error, description, basic);
    }

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>RFC 6749 5.2's error body.</summary>
public sealed record OAuthError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>The error as JSON with its status, and <c>WWW-Authenticate: Basic</c> for a client that tried Basic.</summary>
internal sealed class OAuthErrorResult(OAuthError error, int statusCode, bool challengeBasic) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (challengeBasic)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"lwa\"";
        }

        return TypedResults.Json(error, statusCode: statusCode).ExecuteAsync(httpContext);
    }
}
