namespace SmartHome.LoadDriver;

/// <summary>
/// Stops one replica of each named cloud beside a stage, <paramref name="after"/> into it, one after the other. What was
/// stopped (and when, from the stage's start) and what could not be are kept for the report, never thrown into the stage.
/// The replicas stay stopped: bringing them back (Aspire's Start) is the person's, so that the run shows the survivors alone.
/// </summary>
public sealed class ReplicaChaosRun(
    IReadOnlyList<string> services,
    TimeSpan after,
    IReplicaFinder finder,
    IReplicaStopper stopper,
    TimeProvider time,
    Action<string>? note = null)
{
    private readonly List<string> _stopped = [];
    private readonly List<string> _errors = [];
    private TimeSpan? _stoppedAt;

    /// <summary>When the first stop was asked, from the stage's start; the planned time until then.</summary>
    public TimeSpan StoppedAt => _stoppedAt ?? after;

    public IReadOnlyList<string> Stopped
    {
        get
        {
            lock (_stopped)
            {
                return [.. _stopped];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_stopped)
            {
                return [.. _errors];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            await Task.Delay(after, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _stoppedAt = time.GetElapsedTime(started);
        foreach (var service in services)
        {
            try
            {
                var asked = time.GetElapsedTime(started);
                var target = await finder.FindAsync(service, cancellationToken);
                var how = await stopper.StopAsync(target, cancellationToken);
                // A graceful stop drains the requests in flight first: the replica is gone at the second time, not the first.
                var line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"stopped {target}: asked at {asked.TotalSeconds:0.0}s, gone at {time.GetElapsedTime(started).TotalSeconds:0.0}s ({how})");
                Add(_stopped, line);
                note?.Invoke(line);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var line = $"{service}: {e.Message}";
                Add(_errors, line);
                note?.Invoke($"could not stop a replica of {line}");
            }
        }
    }

    private void Add(List<string> list, string line)
    {
        lock (_stopped)
        {
            list.Add(line);
        }
    }
}
