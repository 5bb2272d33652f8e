using System.Globalization;
using Spectre.Console;

namespace SmartHome.LoadDriver;

/// <summary>
/// Prints, once a second while a stage runs, the answers that came back in that second: how many, their outcomes and the
/// replicas that gave them (<c>--live</c>, and always with <c>--stop-replicas-after</c>), so that a person watching sees
/// the dip and the recovery as they happen. The stage's own timeline (by intended start) is in the summary and the JSON.
/// </summary>
public sealed class LiveTicker(IAnsiConsole console, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _replicas = new(StringComparer.Ordinal);

    public void Record(UtteranceReply reply)
    {
        lock (_gate)
        {
            _outcomes[reply.Outcome] = _outcomes.GetValueOrDefault(reply.Outcome) + 1;
            var replica = string.IsNullOrEmpty(reply.Replica) ? OutcomeTimeline.NoReplica : Short(reply.Replica);
            _replicas[replica] = _replicas.GetValueOrDefault(replica) + 1;
        }
    }

    /// <summary>One line for the answers since the last one, and starts counting afresh.</summary>
    public string Tick(TimeSpan elapsed)
    {
        lock (_gate)
        {
            var answered = _outcomes.Values.Sum();
            var line = string.Format(CultureInfo.InvariantCulture, "{0,5:0}s  answered {1,4}: {2}{3}",
                elapsed.TotalSeconds, answered,
                answered == 0 ? "-" : Counts(_outcomes),
                _replicas.Count == 0 ? "" : $"  | replicas {Counts(_replicas)}");
            _outcomes.Clear();
            _replicas.Clear();
            return line;
        }
    }

    /// <summary>Prints a line a second until <paramref name="cancellationToken"/> ends the stage.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                console.WriteLine(Tick(time.GetElapsedTime(started)));
            }
        }
        catch (OperationCanceledException)
        {
            // The stage ended.
        }
    }

    /// <summary>A note in the stream, e.g. the replica just stopped.</summary>
    public void Note(string text) => console.WriteLine(text);

    private static string Counts(Dictionary<string, long> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    // Replica ids are 12 hex digits; six tell two or three apart.
    private static string Short(string replica) => replica.Length > 6 ? replica[..6] : replica;
}
