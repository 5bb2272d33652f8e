using System.Diagnostics.Metrics;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The last counted links by state, which the <c>smarthome.assistant.links</c> gauge reports. A cache on
/// purpose: the gauge's callback runs on the metrics exporter's thread and must never wait on Redis.
/// </summary>
public sealed class LinkCounts
{
    private volatile IReadOnlyDictionary<LinkState, long>? _counts;

    /// <summary>Null until the first count arrived: then the gauge reports nothing rather than zeros.</summary>
    public IReadOnlyDictionary<LinkState, long>? Current => _counts;

    public void Update(IReadOnlyDictionary<LinkState, long> counts) => _counts = counts;

    public IEnumerable<Measurement<long>> Measurements() =>
        _counts is { } counts
            ? Enum.GetValues<LinkState>().Select(state => new Measurement<long>(
                counts.GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state.ToString())))
            : [];
}
