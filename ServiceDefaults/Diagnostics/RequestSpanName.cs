using System.Diagnostics;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Names an incoming request's server span after what the request was about (e.g. "utterance SetBrightness
/// bedroom lamp"), so that traces can be told apart in the dashboard's Traces list, which names a trace by its
/// root span. The ASP.NET Core instrumentation names the span after the route when the request ends, and
/// <see cref="Microsoft.Extensions.Hosting.Extensions.ConfigureOpenTelemetry{TBuilder}"/> applies this name after it.
/// </summary>
public static class RequestSpanName
{
    private const string Property = "smarthome.request_span_name";

    /// <summary>Renames <paramref name="serverSpan"/> (the request's own span) now and when the request ends.</summary>
    public static void Set(Activity? serverSpan, string name)
    {
        if (serverSpan is null || serverSpan.Kind != ActivityKind.Server)
        {
            return;
        }

        serverSpan.DisplayName = name;
        serverSpan.SetCustomProperty(Property, name);
    }

    /// <summary>Re-applies a name set during the request (called once the instrumentation has named the span).</summary>
    public static void Apply(Activity activity)
    {
        if (activity.GetCustomProperty(Property) is string name)
        {
            activity.DisplayName = name;
        }
    }
}
