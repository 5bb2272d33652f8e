using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// W3C trace context (traceparent/tracestate) carried in message headers that are not HTTP:
/// MQTT 5 user properties (the W3C "Trace Context: MQTT" draft) and uplink frames.
/// </summary>
public static class TraceContext
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    // Explicit rather than Propagators.DefaultTextMapPropagator, which is a no-op until the SDK starts.
    private static readonly TextMapPropagator Propagator =
        new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    /// <summary>Writes the context of <paramref name="activity"/> (and baggage) through <paramref name="set"/>.</summary>
    public static void Inject(Activity? activity, Action<string, string> set)
    {
        if (activity is null)
        {
            return;
        }

        Propagator.Inject(new PropagationContext(activity.Context, Baggage.Current), set,
            static (setter, key, value) => setter(key, value));
    }

    /// <summary>Reads a parent context from headers; default when there is none.</summary>
    public static ActivityContext Extract(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var context = Propagator.Extract(default, headers,
            static (carrier, key) => carrier
                .Where(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Value));
        Baggage.Current = context.Baggage;
        return context.ActivityContext;
    }
}
