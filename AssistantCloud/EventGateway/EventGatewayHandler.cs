using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// One event posted to <c>POST /v3/events</c>: the fault switch, the bearer token, the rate limit, the message
/// (JSON, an accepted name, valid), its scope, its endpoint, then its effect (the endpoint's last known state,
/// a waiting deferred directive, the person's endpoint list). Every refusal is the gateway's own error code; the
/// outcome is kept for the person's return path (the diagnosis reads it).
/// </summary>
internal sealed partial class EventGatewayHandler(
    LwaTokenService tokens,
    EventGrantStore grants,
    AlexaEventValidator validator,
    EventThrottle throttle,
    IAssistantStore store,
    IEndpointStateStore states,
    DeferredResponses deferred,
    AssistantFaults faults,
    TimeProvider time,
    ILogger<EventGatewayHandler> logger)
{
    /// <summary>Amazon's limit on an event's size.</summary>
    public const int MaxEventBytes = 256 * 1024;

    public async Task<IResult> AcceptAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var activity = AssistantCloudTelemetry.Source.StartActivity("event gateway accept");
        var context = new EventContext(activity);
        (EventGatewayError? error, int? retryAfter) outcome;
        try
        {
            outcome = await AcceptCoreAsync(request, context, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogStoreFailed(ex.Message);
            outcome = (new EventGatewayError(EventGatewayError.InternalService, "The event gateway cannot reach its store."), null);
        }

        var (error, retryAfter) = outcome;
        activity?.SetTag(EventGatewayTelemetry.CodeAttribute, error?.Code ?? "ACCEPTED");
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Code);
            LogRefused(context.Name?.ToString() ?? EventReport.UnreadName, context.User, context.EndpointId, error.Code, error.Description);
        }
        else
        {
            LogAccepted(context.Name!.ToString(), context.User!, context.EndpointId);
        }

        await RecordAsync(context, error);
        return error is null ? TypedResults.Accepted((string?)null) : error.ToResult(retryAfter);
    }

    private async Task<(EventGatewayError?, int?)> AcceptCoreAsync(HttpRequest request, EventContext context, CancellationToken cancellationToken)
    {
        if (faults.EventGatewayDown)
        {
            return (new EventGatewayError(EventGatewayError.ServiceUnavailable, "The event gateway is temporarily unavailable."),
                EventGatewayError.UnavailableRetryAfterSeconds);
        }

        if (BearerToken(request) is not { } token)
        {
            return (new EventGatewayError(EventGatewayError.InvalidAccessToken, "The Authorization header must carry a Bearer token."), null);
        }

        var check = await tokens.CheckAccessTokenAsync(token);
        context.User = check.User;
        context.Skill = check.Skill;
        context.Activity?.SetTag(AssistantCloudTelemetry.UserAttribute, check.User);
        if (Refusal(check.Verdict) is { } refused)
        {
            return (refused, null);
        }

        if (await throttle.TryPassAsync(token) is { } wait)
        {
            return (new EventGatewayError(EventGatewayError.Throttling, "Too many events for this token: slow down."), wait);
        }

        var (message, problem) = await ReadMessageAsync(request, cancellationToken);
        if (message is null)
        {
            return (new EventGatewayError(EventGatewayError.InvalidRequest, problem!), null);
        }

        var @event = (JsonObject)message["event"]!;
        var header = (JsonObject)@event["header"]!;
        var name = new AlexaEventName(Text(header["namespace"])!, Text(header["name"])!);
        context.Name = name;
        if (context.Activity is { } span)
        {
            span.DisplayName = $"event gateway accept {name}";
            span.SetTag("alexa.event.name", name.ToString());
        }

        if (!name.IsAccepted)
        {
            var why = name.Name == "StateReport" ? " (a StateReport answers ReportState synchronously)" : "";
            return (new EventGatewayError(EventGatewayError.InvalidRequest, $"The event gateway does not accept {name}{why}."), null);
        }

        if (await validator.ValidateAsync(message, name) is { } invalid)
        {
            return (new EventGatewayError(EventGatewayError.InvalidRequest, invalid), null);
        }

        var payload = (JsonObject)@event["payload"]!;
        var scopeToken = AlexaEventValidator.ScopeToken(name.IsDiscoveryReport ? payload : @event["endpoint"] as JsonObject)!;
        if (scopeToken != token && await tokens.CheckAccessTokenAsync(scopeToken) is var scope
            && (scope.User != check.User || scope.Skill != check.Skill))
        {
            return (new EventGatewayError(EventGatewayError.InsufficientPermission, "The event's scope token is not the sender's person's."), null);
        }

        return (await ApplyAsync(message, name, check.User!, check.Skill!, context, cancellationToken), null);
    }

    private async Task<EventGatewayError?> ApplyAsync(JsonObject message, AlexaEventName name, string user, string skill, EventContext context,
        CancellationToken cancellationToken)
    {
        var @event = (JsonObject)message["event"]!;
        var payload = (JsonObject)@event["payload"]!;
        var now = time.GetUtcNow();
        if (name.IsDiscoveryReport)
        {
            var reported = payload["endpoints"] as JsonArray;
            if (name.Name == "AddOrUpdateReport")
            {
                await store.UpsertEndpointsAsync(user, skill, AlexaEventParser.ReadEndpoints(reported), cancellationToken);
            }
            else
            {
                List<string> ids = [.. reported!.OfType<JsonObject>().Select(e => Text(e["endpointId"])).OfType<string>()];
                await store.RemoveEndpointsAsync(user, skill, ids, cancellationToken);
                await states.ForgetAsync(user, skill, ids, cancellationToken);
            }

            return null;
        }

        var endpointId = Text((@event["endpoint"] as JsonObject)?["endpointId"])!;
        context.EndpointId = endpointId;
        context.Activity?.SetTag(AssistantCloudTelemetry.DeviceAttribute, endpointId);
        if ((await store.GetEndpointsAsync(user, skill, cancellationToken)).All(e => e.EndpointId != endpointId))
        {
            return new EventGatewayError(EventGatewayError.NoSuchEndpoint, $"The endpoint {endpointId} was not discovered for this person.");
        }

        var contextState = AlexaEventParser.ReadState((message["context"] as JsonObject)?["properties"] as JsonArray);
        if (name.Name == "ChangeReport")
        {
            var change = (JsonObject)payload["change"]!;
            context.Activity?.SetTag("alexa.change.cause", Text((change["cause"] as JsonObject)?["type"]));
            var changed = AlexaEventParser.ReadState(change["properties"] as JsonArray);
            var merged = new DeviceState(changed?.PowerState ?? contextState?.PowerState, changed?.Brightness ?? contextState?.Brightness,
                changed?.Connectivity ?? contextState?.Connectivity);
            await states.UpdateAsync(user, skill, endpointId, merged, now, KnownStateSources.ChangeReport, cancellationToken);
            return null;
        }

        // An asynchronous Response or ErrorResponse: the deferred directive's answer.
        var answer = AlexaEventParser.Parse(message.ToJsonString());
        if (name.Name == "Response" && contextState is not null)
        {
            await states.UpdateAsync(user, skill, endpointId, contextState, now, KnownStateSources.Response, cancellationToken);
        }

        var delivery = await deferred.CompleteAsync(answer.CorrelationToken!, answer);
        context.Activity?.SetTag("alexa.deferred.waiting", delivery == DeferredDelivery.Here);
        context.Activity?.SetTag("alexa.deferred.delivery", delivery.ToString().ToLowerInvariant());
        return null;
    }

    private static EventGatewayError? Refusal(TokenVerdict verdict) => verdict switch
    {
        TokenVerdict.Valid => null,
        TokenVerdict.Expired => new(EventGatewayError.InvalidAccessToken, "The access token has expired: refresh it."),
        TokenVerdict.Revoked => new(EventGatewayError.InvalidAccessToken, "The access token was revoked."),
        TokenVerdict.SkillDisabled => new(EventGatewayError.SkillDisabled, "The person has disabled the skill."),
        TokenVerdict.WrongClient => new(EventGatewayError.InsufficientPermission, "The access token was not issued to this skill."),
        _ => new(EventGatewayError.InvalidAccessToken, "The access token is unknown."),
    };

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length..].Trim() is { Length: > 0 } token ? token : null;
    }

    /// <summary>The message as a JSON object with an event header, or why it is not one.</summary>
    private static async Task<(JsonObject?, string?)> ReadMessageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxEventBytes)
        {
            return (null, $"The event is larger than {MaxEventBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxEventBytes)
            {
                return (null, $"The event is larger than {MaxEventBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var root = JsonNode.Parse(buffer.ToArray()) as JsonObject;
            var header = (root?["event"] as JsonObject)?["header"] as JsonObject;
            return Text(header?["namespace"]) is { Length: > 0 } && Text(header?["name"]) is { Length: > 0 }
                ? (root, null)
                : (null, "The body must be an Alexa event: {\"event\":{\"header\":{\"namespace\",\"name\",...},...}}.");
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }
    }

    /// <summary>Keeps the outcome for the person (when the token said who): the diagnosis reads the last one.</summary>
    private async Task RecordAsync(EventContext context, EventGatewayError? error)
    {
        if (context.User is null || context.Skill is null || error?.Code is EventGatewayError.InternalService)
        {
            return;
        }

        try
        {
            var report = new EventReport(time.GetUtcNow(), context.Name?.ToString() ?? EventReport.UnreadName, error is null ? "accepted" : "refused", error?.Code);
            await grants.RecordEventAsync(context.User, context.Skill, report);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogStoreFailed(ex.Message);
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Event gateway accepted {Event} for {User}, endpoint {Endpoint}")]
    private partial void LogAccepted(string @event, string user, string? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event gateway refused {Event} for {User}, endpoint {Endpoint}: {Code} {Description}")]
    private partial void LogRefused(string @event, string? user, string? endpoint, string code, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "The event gateway cannot reach its store: {Reason}")]
    private partial void LogStoreFailed(string reason);

    /// <summary>What is known of the event so far, for its span, its log line and its record.</summary>
    private sealed class EventContext(Activity? activity)
    {
        public Activity? Activity { get; } = activity;

        public string? User { get; set; }

        public string? Skill { get; set; }

        public AlexaEventName? Name { get; set; }

        public string? EndpointId { get; set; }
    }
}
