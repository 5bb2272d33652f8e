using System.Collections.Concurrent;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>Commands published to the LAN and waiting for their response, keyed by MQTT correlation data.</summary>
internal sealed class PendingCommands
{
    private readonly ConcurrentDictionary<Guid, PendingCommand> _pending = new();

    public int Count => _pending.Count;

    public PendingCommand Register(string deviceId)
    {
        var command = new PendingCommand(Guid.NewGuid(), deviceId);
        _pending[command.CorrelationId] = command;
        return command;
    }

    public void Remove(PendingCommand command) => _pending.TryRemove(command.CorrelationId, out _);

    /// <summary>Completes the command whose correlation data this is; false when none waits for it.</summary>
    public bool TryComplete(ReadOnlySpan<byte> correlationData, Func<CommandResult> result)
    {
        if (correlationData.Length != 16)
        {
            return false;
        }

        return _pending.TryRemove(new Guid(correlationData), out var command) && command.TryComplete(result());
    }

    /// <summary>Completes every command waiting on <paramref name="deviceId"/> (the device went offline).</summary>
    public int CompleteAllFor(string deviceId, CommandResult result)
    {
        var completed = 0;
        foreach (var command in _pending.Values.Where(c => c.DeviceId == deviceId))
        {
            if (_pending.TryRemove(command.CorrelationId, out _) && command.TryComplete(result))
            {
                completed++;
            }
        }

        return completed;
    }
}
