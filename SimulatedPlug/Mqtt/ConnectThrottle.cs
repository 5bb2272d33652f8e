namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Bounds how many devices connect at once (<see cref="PlugSettings.ConnectParallelism"/>): a thousand devices
/// start in parallel batches, never one behind another's timeout, and never all at once on a broker just up.
/// </summary>
internal sealed class ConnectThrottle(PlugSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.ConnectParallelism, settings.ConnectParallelism);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
