namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// The events waiting for the event gateway, oldest first, at most <c>capacity</c>; one per key (the newest state of an
/// endpoint wins, which is what a ChangeReport means). Full, it drops the oldest and says whose it was. In memory, with
/// its ChangeReports kept in Redis too (<see cref="IPendingEventJournal"/>), so that a restart loses none of them.
/// </summary>
internal sealed class PendingEventQueue(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<PendingEvent> _order = new();
    private readonly Dictionary<string, LinkedListNode<PendingEvent>> _byKey = new(StringComparer.Ordinal);
    private TaskCompletionSource _available = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Adds or merges the event; returns the one dropped to make room (the oldest), if any.</summary>
    public PendingEvent? Enqueue(PendingEvent pending)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(pending.Key, out var existing))
            {
                // Merged in place: the endpoint keeps its turn.
                existing.Value = pending with { Draft = existing.Value.Draft.Merge(pending.Draft) };
                return null;
            }

            PendingEvent? dropped = null;
            if (_order.Count >= capacity)
            {
                dropped = _order.First!.Value;
                Remove(_order.First);
            }

            _byKey[pending.Key] = _order.AddLast(pending);
            _available.TrySetResult();
            return dropped;
        }
    }

    /// <summary>The event queued under <paramref name="key"/> (as merged), or null.</summary>
    public PendingEvent? Find(string key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var node) ? node.Value : null;
        }
    }

    /// <summary>
    /// An event kept from before a restart, queued unless one with its key is queued already (that one is newer) or the
    /// queue is full; returns whether it was.
    /// </summary>
    public bool Restore(PendingEvent pending)
    {
        lock (_gate)
        {
            if (_byKey.ContainsKey(pending.Key) || _order.Count >= capacity)
            {
                return false;
            }

            _byKey[pending.Key] = _order.AddLast(pending);
            _available.TrySetResult();
            return true;
        }
    }

    /// <summary>The oldest event, left in the queue until <see cref="Complete"/>; waits while there is none.</summary>
    public async Task<PendingEvent> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task available;
            lock (_gate)
            {
                if (_order.First is { } first)
                {
                    return first.Value;
                }

                if (_available.Task.IsCompleted)
                {
                    _available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                available = _available.Task;
            }

            await available.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Removes <paramref name="sent"/>, unless a newer event merged into its place while it was sent (that one still goes).</summary>
    public void Complete(PendingEvent sent)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(sent.Key, out var node) && ReferenceEquals(node.Value, sent))
            {
                Remove(node);
            }
        }
    }

    /// <summary>Removes every event of the account (its grant is lost); returns how many.</summary>
    public int RemoveAccount(string accountId)
    {
        lock (_gate)
        {
            var removed = 0;
            for (var node = _order.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.AccountId == accountId)
                {
                    Remove(node);
                    removed++;
                }

                node = next;
            }

            return removed;
        }
    }

    private void Remove(LinkedListNode<PendingEvent> node)
    {
        _byKey.Remove(node.Value.Key);
        _order.Remove(node);
    }
}
