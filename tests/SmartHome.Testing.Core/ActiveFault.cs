namespace SmartHome.Testing;

/// <summary>
/// A fault that is on; disposing it undoes it (once). <c>await using (await world.Plug().WifiOffAsync()) { ... }</c>
/// </summary>
public sealed class ActiveFault : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _undo;
    private int _undone;

    internal ActiveFault(string name, Func<CancellationToken, Task> undo)
    {
        Name = name;
        _undo = undo;
    }

    /// <summary>What is broken, e.g. <c>wifi-off home-1/plug-1</c>.</summary>
    public string Name { get; }

    public bool IsUndone => Volatile.Read(ref _undone) == 1;

    /// <summary>Undoes the fault now (disposal does the same).</summary>
    public async Task UndoAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _undone, 1) == 0)
        {
            await _undo(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await UndoAsync();

    public override string ToString() => Name;
}
