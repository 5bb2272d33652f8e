using System.Collections.Concurrent;
using System.Diagnostics;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Replicas;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// Carries a command to the replica that holds its home's uplink, and that replica's answer back. Each replica listens
/// on two channels of its own: <c>vendor:replica:{id}:commands</c> (commands to send down its sockets) and
/// <c>vendor:replica:{id}:replies</c> (answers to the commands it forwarded, paired by correlation id). Per forwarded
/// command: one directory read, one publish each way.
/// </summary>
internal sealed partial class UplinkRelay(
    IUplinkDirectory directory,
    IReplicaBus bus,
    VendorReplica replica,
    TimeProvider time,
    ILogger<UplinkRelay> logger)
{
    /// <summary>Of the caller's budget, what the answer's way back may take: the holder gets the rest for the home.</summary>
    public static readonly TimeSpan ReplyAllowance = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<ForwardedResult>> _waiting = new(StringComparer.Ordinal);
    private long _forwarded;
    private long _served;

    public static string CommandsChannel(string replicaId) => $"vendor:replica:{replicaId}:commands";

    public static string RepliesChannel(string replicaId) => $"vendor:replica:{replicaId}:replies";

    public VendorReplica Replica => replica;

    /// <summary>Commands this replica forwarded to another (received by it).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Forwarded commands this replica sent down its own sockets for another.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Another replica holding the home's uplink; null when none does (or the directory does not answer).</summary>
    public async Task<string?> FindHolderAsync(string homeId, CancellationToken cancellationToken)
    {
        try
        {
            var holder = await directory.FindHolderAsync(homeId, cancellationToken);
            return holder == replica.Id ? null : holder;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogDirectoryAway(logger, homeId, ex.Message);
            return null;
        }
    }

    /// <summary>When the home's uplink last dropped on whichever replica held it; null when not known (or the directory does not answer).</summary>
    public async Task<DateTimeOffset?> FindDroppedAtAsync(string homeId, CancellationToken cancellationToken)
    {
        try
        {
            return await directory.FindDroppedAtAsync(homeId, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogDirectoryAway(logger, homeId, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Sends the command through the replica holding the home's uplink and waits at most <paramref name="budget"/> for
    /// its answer. <see cref="CommandStatus.BridgeUnreachable"/> when no replica holds the home (or its holder is gone).
    /// </summary>
    public async Task<CommandOutcome> ForwardAsync(string homeId, string deviceId, string commandId, LightState command, TimeSpan budget,
        CancellationToken cancellationToken)
    {
        string? holder;
        try
        {
            holder = await directory.FindHolderAsync(homeId, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogDirectoryAway(logger, homeId, ex.Message);
            return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"home {homeId} has no uplink here and the directory of uplinks did not answer");
        }

        if (holder is null || holder == replica.Id)
        {
            return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"home {homeId} has no uplink");
        }

        var channel = CommandsChannel(holder);
        using var forward = VendorCloudTelemetry.Source.StartActivity($"forward command {deviceId}", ActivityKind.Producer);
        forward?.SetTag(MessagingSpans.NetworkProtocolName, "redis");
        forward?.SetTag(MessagingSpans.DestinationName, channel);
        forward?.SetTag(MessagingSpans.OperationType, "send");
        forward?.SetTag(MessagingSpans.MessageId, commandId);
        forward?.SetTag(VendorReplica.SpanTag, replica.Id);
        forward?.SetTag("smarthome.vendor.replica.holder", holder);
        forward?.SetTag("smarthome.home.id", homeId);
        string? traceparent = null, tracestate = null;
        TraceContextCarrier.Inject(TraceContextCarrier.ContextFor(forward), (key, value) =>
        {
            if (key == TraceContextCarrier.TraceParent)
            {
                traceparent = value;
            }
            else if (key == TraceContextCarrier.TraceState)
            {
                tracestate = value;
            }
        });

        var message = new ForwardedCommand(Guid.NewGuid().ToString("N"), replica.Id, homeId, deviceId, commandId, command,
            (int)Math.Max(0, (budget - ReplyAllowance).TotalMilliseconds), traceparent, tracestate);
        var reply = new TaskCompletionSource<ForwardedResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[message.CorrelationId] = reply;
        try
        {
            // The wait is armed before the publish, so that a fast answer is not missed.
            var answer = reply.Task.WaitAsync(budget, time, cancellationToken);
            _ = answer.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var receivers = await bus.PublishAsync(channel, ForwardedJson.Serialize(message)).WaitAsync(cancellationToken);
            if (receivers == 0)
            {
                // The directory still names a replica that no longer listens (it died; its claim has not expired yet).
                LogHolderGone(logger, homeId, holder);
                forward.Fail($"replica {holder} holding home {homeId} is gone");
                return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"the replica holding the uplink of home {homeId} is gone");
            }

            Interlocked.Increment(ref _forwarded);
            LogForwarded(logger, commandId, homeId, holder);
            var result = await answer;
            forward?.SetTag("smarthome.command.status", result.Status.ToString());
            return new CommandOutcome(result.Status, result.State, result.Error);
        }
        catch (TimeoutException)
        {
            LogNoAnswer(logger, commandId, homeId, holder);
            forward.Fail($"no answer from replica {holder} in time");
            return new CommandOutcome(CommandStatus.Timeout, null, $"no result within {budget.TotalSeconds} s");
        }
        catch (RedisException ex)
        {
            LogDirectoryAway(logger, homeId, ex.Message);
            forward.Fail("the command could not be forwarded");
            return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"the command to home {homeId} could not be forwarded to its replica");
        }
        finally
        {
            _waiting.TryRemove(message.CorrelationId, out _);
        }
    }

    /// <summary>Listens on this replica's channels: answers come back to <see cref="ForwardAsync"/>, commands go to <paramref name="serve"/>.</summary>
    public async Task ListenAsync(Func<ForwardedCommand, CancellationToken, Task<CommandOutcome>> serve, CancellationToken stopping)
    {
        await bus.SubscribeAsync(RepliesChannel(replica.Id), OnReply);
        await bus.SubscribeAsync(CommandsChannel(replica.Id), message => _ = Task.Run(() => ServeAsync(message, serve, stopping), CancellationToken.None));
    }

    private void OnReply(byte[] message)
    {
        if (ForwardedJson.Deserialize<ForwardedResult>(message) is { } result && _waiting.TryRemove(result.CorrelationId, out var waiting))
        {
            waiting.TrySetResult(result);
        }
    }

    private async Task ServeAsync(byte[] message, Func<ForwardedCommand, CancellationToken, Task<CommandOutcome>> serve, CancellationToken stopping)
    {
        if (ForwardedJson.Deserialize<ForwardedCommand>(message) is not { } command)
        {
            LogUnreadable(logger);
            return;
        }

        CommandOutcome outcome;
        try
        {
            outcome = await serve(command, stopping);
        }
        catch (Exception ex)
        {
            LogServeFailed(logger, command.CommandId, command.HomeId, ex);
            outcome = new CommandOutcome(CommandStatus.Failed, null, "the replica holding the uplink could not send the command");
        }

        Interlocked.Increment(ref _served);
        try
        {
            await bus.PublishAsync(RepliesChannel(command.ReplyTo),
                ForwardedJson.Serialize(new ForwardedResult(command.CorrelationId, replica.Id, outcome.Status, outcome.State, outcome.Error)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The caller answers Alexa with a timeout when its budget runs out.
            LogReplyLost(logger, command.CommandId, command.ReplyTo, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {CommandId} for home {HomeId} forwarded to replica {Holder}")]
    private static partial void LogForwarded(ILogger logger, string commandId, string homeId, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {HomeId} is held by replica {Holder}, which no longer listens: the home is unreachable until its gateway reconnects")]
    private static partial void LogHolderGone(ILogger logger, string homeId, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} for home {HomeId}: no answer from replica {Holder} in time")]
    private static partial void LogNoAnswer(ILogger logger, string commandId, string homeId, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory of uplinks did not answer for home {HomeId}: {Problem}")]
    private static partial void LogDirectoryAway(ILogger logger, string homeId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable message on this replica's commands channel; ignored")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarded command {CommandId} for home {HomeId} failed here")]
    private static partial void LogServeFailed(ILogger logger, string commandId, string homeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to forwarded command {CommandId} could not be sent back to replica {ReplyTo}: {Problem}")]
    private static partial void LogReplyLost(ILogger logger, string commandId, string replyTo, string problem);
}
