using System.Diagnostics;
using OpenTelemetry;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Redacts query values in every span's URL attributes before any exporter sees the span. The ASP.NET Core and
/// HttpClient instrumentations redact <c>url.query</c> themselves unless
/// <c>OTEL_DOTNET_EXPERIMENTAL_*_DISABLE_URL_QUERY_REDACTION</c> is true, which Aspire sets in development:
/// this does not depend on it.
/// </summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    private static readonly string[] QueryTags = ["url.query"];
    private static readonly string[] UrlTags = ["url.full", "http.url", "http.target", "url.original", "server.request.url"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in QueryTags)
        {
            if (data.GetTagItem(tag) is string query && query.Length > 0)
            {
                data.SetTag(tag, QueryRedaction.RedactQuery(query));
            }
        }

        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, QueryRedaction.RedactText(url));
            }
        }

        if (data.DisplayName.Contains('?', StringComparison.Ordinal))
        {
            data.DisplayName = QueryRedaction.RedactText(data.DisplayName);
        }
    }
}
