using System.Diagnostics;
using System.Globalization;

namespace SmartHome.PolicyStudy;

/// <summary>Seconds spent per phase of a run's days (the clock, the events, the uses, ...), for the progress lines.</summary>
public sealed class PhaseTimes
{
    private readonly Dictionary<string, TimeSpan> _spent = [];

    public async Task TimeAsync(string phase, Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            // Phases may run inside one another (a day's events beside its uses).
            lock (_spent)
            {
                _spent[phase] = _spent.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(started);
            }
        }
    }

    public override string ToString()
    {
        lock (_spent)
        {
            return string.Join(", ", _spent.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.TotalSeconds:0.0} s")));
        }
    }
}
