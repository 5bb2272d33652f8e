using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The share of new traces kept, <c>Telemetry:TraceSamplingRatio</c> (the AppHost parameter
/// <c>trace-sampling-ratio</c>): 1, every trace, by default, as a person reading the dashboard wants; a
/// load run lowers it. The decision is taken once, where a trace begins (the assistant's request, a
/// button press), and travels with the trace context to every other hop, so a trace is whole or absent.
/// </summary>
public static class TraceSampling
{
    public const string RatioKey = "Telemetry:TraceSamplingRatio";

    public static double RatioFrom(IConfiguration configuration)
    {
        var configured = configuration[RatioKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return 1;
        }

        return double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"{RatioKey} must be a number from 0 to 1 (the share of traces kept), not '{configured}'.");
    }

    public static Sampler RootSampler(double ratio) => ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio);
}
