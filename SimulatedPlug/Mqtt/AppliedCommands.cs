using System.Diagnostics;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// How many times this device applied a directive of each trace: the chaos tests' witness that no command was applied
/// twice (a person's utterance is one trace, from the assistant through the vendor, the uplink and the gateway to here).
/// Only the gateway's commands (with correlation data) are counted; the most recent <see cref="Capacity"/> traces are kept.
/// </summary>
internal sealed class AppliedCommands
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<ActivityTraceId, int> _byTrace = [];
    private readonly Queue<ActivityTraceId> _order = new();
    private long _total;

    public void Record(ActivityTraceId traceId)
    {
        lock (_gate)
        {
            _total++;
            if (traceId == default)
            {
                return;
            }

            if (_byTrace.TryGetValue(traceId, out var count))
            {
                _byTrace[traceId] = count + 1;
                return;
            }

            _byTrace[traceId] = 1;
            _order.Enqueue(traceId);
            if (_order.Count > Capacity)
            {
                _byTrace.Remove(_order.Dequeue());
            }
        }
    }

    public AppliedCommandsView View()
    {
        lock (_gate)
        {
            return new AppliedCommandsView(_total, _order.Select(trace => new AppliedTrace(trace.ToHexString(), _byTrace[trace])).ToList());
        }
    }
}

/// <summary>The answer of <c>GET /sim/applied</c>: every command applied, and per trace how often.</summary>
internal sealed record AppliedCommandsView(long Applied, IReadOnlyList<AppliedTrace> Traces);

/// <summary>One trace's directives applied by the device.</summary>
internal sealed record AppliedTrace(string TraceId, int Count);
