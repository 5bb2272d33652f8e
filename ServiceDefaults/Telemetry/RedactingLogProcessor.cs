using OpenTelemetry;
using OpenTelemetry.Logs;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Redacts query values in every exported log record (message, body and string attributes): a request log
/// turned up to Information, or any log that quotes a URL, never carries a callback's code or state.
/// </summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = QueryRedaction.RedactText(message);
        }

        if (data.Body is { } body)
        {
            data.Body = QueryRedaction.RedactText(body);
        }

        if (data.Attributes is { Count: > 0 } attributes && attributes.Any(a => a.Value is string text && QueryRedaction.RedactText(text) != text))
        {
            data.Attributes = attributes
                .Select(a => a.Value is string text ? new KeyValuePair<string, object?>(a.Key, QueryRedaction.RedactText(text)) : a)
                .ToList();
        }
    }
}
