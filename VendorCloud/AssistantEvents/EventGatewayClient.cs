using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>The event gateway's answer: 202, or its error code (and Retry-After for 429); no status when nothing answered.</summary>
internal sealed record EventGatewayAnswer(HttpStatusCode? Status, string? Code, TimeSpan? RetryAfter = null, string? Problem = null)
{
    public bool Accepted => Status == HttpStatusCode.Accepted;
}

/// <summary>Event gateway error codes (docs/protocols.md).</summary>
internal static class EventGatewayCodes
{
    public const string InvalidRequest = "INVALID_REQUEST_EXCEPTION";
    public const string InvalidAccessToken = "INVALID_ACCESS_TOKEN_EXCEPTION";
    public const string SkillDisabled = "SKILL_DISABLED_EXCEPTION";
    public const string InsufficientPermission = "INSUFFICIENT_PERMISSION_EXCEPTION";
    public const string NoSuchEndpoint = "NO_SUCH_ENDPOINT_EXCEPTION";
    public const string Throttling = "THROTTLING_EXCEPTION";
    public const string InternalService = "INTERNAL_SERVICE_EXCEPTION";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE_EXCEPTION";

    /// <summary>Not the gateway's: nothing answered (refused connection, timeout).</summary>
    public const string Unreachable = "UNREACHABLE";
}

/// <summary>Posts one event to <c>POST /v3/events</c> with the account's bearer token; the body's scope carries the same token.</summary>
internal interface IEventGatewayClient
{
    Task<EventGatewayAnswer> PostAsync(AlexaMessage message, string accessToken, CancellationToken cancellationToken);
}

internal sealed class EventGatewayClient(HttpClient http, IOptions<AssistantEventsOptions> options) : IEventGatewayClient
{
    public async Task<EventGatewayAnswer> PostAsync(AlexaMessage message, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.EventGatewayUrl)
        {
            Content = JsonContent.Create(message, options: SkillApi.EventJson),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return new EventGatewayAnswer(response.StatusCode, null);
            }

            return new EventGatewayAnswer(response.StatusCode, await ReadCodeAsync(response, cancellationToken) ?? CodeOf(response.StatusCode),
                RetryAfterOf(response));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new EventGatewayAnswer(null, EventGatewayCodes.Unreachable, Problem: ex.Message);
        }
    }

    /// <summary><c>payload.code</c> of the error body, or null when the body is not the event gateway's.</summary>
    private static async Task<string?> ReadCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A status without the gateway's body (a proxy in between): named as the gateway would.</summary>
    private static string CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => EventGatewayCodes.InvalidAccessToken,
        HttpStatusCode.TooManyRequests => EventGatewayCodes.Throttling,
        HttpStatusCode.ServiceUnavailable => EventGatewayCodes.ServiceUnavailable,
        >= HttpStatusCode.InternalServerError => EventGatewayCodes.InternalService,
        _ => EventGatewayCodes.InvalidRequest,
    };

    /// <summary>The event gateway says Retry-After in seconds (a date form is not used by it, and is ignored).</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;
}
