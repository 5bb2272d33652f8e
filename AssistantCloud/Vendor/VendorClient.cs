using System.Diagnostics;
using System.Net.Mime;
using System.Text;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Vendor;

/// <summary>
/// Posts directives to the skill endpoint, the HttpClient's base address (<see cref="Linking.SkillOptions.Endpoint"/>:
/// `http://vendorcloud/alexa/v3/directives` unless configured otherwise). The HttpClient has Alexa's 8 s budget and
/// no retry handler: AdjustBrightness is not idempotent.
/// </summary>
internal sealed partial class VendorClient(HttpClient http, ILogger<VendorClient> logger) : IVendorClient
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    private const string ExpiredCredential = "EXPIRED_AUTHORIZATION_CREDENTIAL";

    public async Task<AlexaEvent> SendAsync(AlexaDirective directive, CancellationToken cancellationToken)
    {
        using var activity = AssistantCloudTelemetry.Source.StartActivity($"directive {directive.QualifiedName}", ActivityKind.Client);
        activity?.SetTag("alexa.directive.namespace", directive.Namespace);
        activity?.SetTag("alexa.directive.name", directive.Name);
        activity?.SetTag("alexa.message.id", directive.MessageId);
        if (directive.Body["directive"]?["endpoint"]?["endpointId"]?.GetValue<string>() is { } endpointId)
        {
            activity?.SetTag(AssistantCloudTelemetry.DeviceAttribute, endpointId);
        }

        try
        {
            // Buffered rather than streamed: a Content-Length body suits every server, chunked does not.
            using var content = new StringContent(directive.Body.ToJsonString(), Encoding.UTF8, MediaTypeNames.Application.Json);
            using var response = await http.PostAsync((Uri?)null, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new VendorUnavailableException($"The vendor answered HTTP {(int)response.StatusCode}.", (int)response.StatusCode);
            }

            var answer = AlexaEventParser.Parse(body);
            // An answer to another directive is no answer. (An ErrorResponse to a directive the vendor
            // could not parse may carry no correlation token at all: that one is still ours.)
            if (answer.CorrelationToken is not null && answer.CorrelationToken != directive.CorrelationToken)
            {
                throw new VendorUnavailableException("The vendor's answer does not echo the directive's correlation token.");
            }

            activity?.SetTag("alexa.event.name", answer.Name);
            if (answer.ErrorType == ExpiredCredential)
            {
                // Alexa's protocol at work, not a failure: the handler refreshes the token and sends again.
                activity?.SetTag(AssistantCloudTelemetry.AlexaErrorTypeAttribute, answer.ErrorType);
                activity?.AddEvent(new ActivityEvent("access token expired: refresh and send again"));
            }
            else if (answer.IsError)
            {
                activity?.SetTag(AssistantCloudTelemetry.AlexaErrorTypeAttribute, answer.ErrorType);
                activity?.SetStatus(ActivityStatusCode.Error, answer.ErrorType);
                if (activity is not null)
                {
                    activity.DisplayName = $"{activity.DisplayName}: {answer.ErrorType}";
                }

                LogErrorResponse(directive.QualifiedName, answer.ErrorType, answer.ErrorMessage);
            }

            return answer;
        }
        catch (Exception ex) when (ex is HttpRequestException or FormatException or VendorUnavailableException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is TaskCanceledException ? $"no answer within {Budget.TotalSeconds:0} s" : ex.Message;
            var headline = ex switch
            {
                VendorUnavailableException { StatusCode: { } status } => $"vendor unavailable ({status})",
                TaskCanceledException => $"vendor unavailable (no answer within {Budget.TotalSeconds:0} s)",
                HttpRequestException => "vendor unreachable (no connection)",
                _ => "vendor answered something unreadable",
            };
            activity.MarkFailedHop(new FailedHop(ChainHops.Vendor, reason), headline);
            activity?.AddException(ex);
            LogVendorUnavailable(directive.QualifiedName, reason);
            throw ex as VendorUnavailableException ?? new VendorUnavailableException(reason, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vendor answered {Directive} with ErrorResponse {ErrorType}: {ErrorMessage}")]
    private partial void LogErrorResponse(string directive, string? errorType, string? errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor did not answer {Directive}: {Reason}")]
    private partial void LogVendorUnavailable(string directive, string reason);
}
