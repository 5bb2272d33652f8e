namespace SmartHome.ServiceDefaults.Tests;

public sealed class OpenSignalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_open_signal_lets_waiters_through_at_once()
    {
        var signal = new OpenSignal();

        Assert.True(signal.IsOpen);
        await signal.WaitUntilOpenAsync(CancellationToken.None).WaitAsync(Bound);
    }

    [Fact]
    public async Task Closed_it_holds_waiters_until_it_opens_again()
    {
        var signal = new OpenSignal();

        Assert.True(signal.Close());
        Assert.False(signal.Close()); // already closed
        var waiting = signal.WaitUntilOpenAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Assert.False(waiting.IsCompleted);

        Assert.True(signal.Open());
        Assert.False(signal.Open()); // already open
        await waiting.WaitAsync(Bound);
        Assert.True(signal.IsOpen);
    }

    [Fact]
    public async Task A_wait_on_a_closed_signal_ends_with_its_cancellation()
    {
        var signal = new OpenSignal(open: false);
        using var cancel = new CancellationTokenSource();

        var waiting = signal.WaitUntilOpenAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
        Assert.False(signal.IsOpen);
    }
}
