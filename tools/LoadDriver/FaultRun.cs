namespace SmartHome.LoadDriver;

/// <summary>
/// Runs a fault beside a stage: at <see cref="FaultOptions.After"/> the selected homes lose it, after
/// <see cref="FaultOptions.For"/> they get it back (also when the stage is cancelled). Switch errors are
/// kept for the report, never thrown into the stage.
/// </summary>
public sealed class FaultRun(FaultOptions fault, IReadOnlyList<string> homes, IFaultSwitch faultSwitch, TimeProvider time)
{
    private readonly HashSet<string> _homes = [.. homes];
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Homes => homes;

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public FaultExposure ExposureOf(TimeSpan intendedOffset, Person person) =>
        intendedOffset < fault.After ? FaultExposure.BeforeWindow
        : intendedOffset >= fault.After + fault.For ? FaultExposure.AfterWindow
        : _homes.Contains(person.HomeId) ? FaultExposure.WindowFaultedHome
        : FaultExposure.WindowOtherHome;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(fault.After, time, cancellationToken);
            await SetAllAsync(faulted: true, cancellationToken);
            await Task.Delay(fault.For, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The stage ended first: restore below all the same.
        }
        finally
        {
            await SetAllAsync(faulted: false, CancellationToken.None);
        }
    }

    private async Task SetAllAsync(bool faulted, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(homes, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (home, ct) =>
        {
            try
            {
                await faultSwitch.SetAsync(home, faulted, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lock (_errors)
                {
                    _errors.Add($"{home} {(faulted ? "down" : "up")}: {e.Message}");
                }
            }
        });
    }
}
