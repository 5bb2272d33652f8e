namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// A held <see cref="LinkLocks"/> lock. <see cref="Waited"/>: another caller of this process held it first, and has
/// likely just done what this one came to do.
/// </summary>
internal sealed class LinkLock(SemaphoreSlim gate, bool waited) : IDisposable
{
    private int _released;

    public bool Waited { get; } = waited;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            gate.Release();
        }
    }
}
