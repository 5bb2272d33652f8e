namespace SmartHome.ServiceDefaults;

/// <summary>
/// A switch that can be waited on: open or closed, and a task that completes once it is (or comes back) open.
/// The plug's radio and a home's broadband are such switches; a <see cref="ReconnectGate"/> waits on one.
/// </summary>
public sealed class OpenSignal
{
    private readonly Lock _lock = new();
    // Completed while open; replaced by a new one when it closes.
    private TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OpenSignal(bool open = true)
    {
        if (open)
        {
            _opened.SetResult();
        }
    }

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _opened.Task.IsCompleted;
            }
        }
    }

    /// <summary>Completes when the switch is (or comes back) open.</summary>
    public Task WaitUntilOpenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _opened.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes the switch; false when it already was closed.</summary>
    public bool Close()
    {
        lock (_lock)
        {
            if (!_opened.Task.IsCompleted)
            {
                return false;
            }

            _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Opens the switch, releasing whoever waits; false when it already was open.</summary>
    public bool Open()
    {
        lock (_lock)
        {
            return _opened.TrySetResult();
        }
    }
}
