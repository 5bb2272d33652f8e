using System.Net;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Keeps one device on the broker: connect (MQTT 5, clean start, session expiry 0, last will
/// <c>offline</c>), check the CONNACK, then subscribe and announce (<see cref="MqttSessionSetup"/>); on
/// any disconnect, reconnect with backoff (<see cref="ReconnectLoop"/>): MQTTnet 5 has no managed client.
/// </summary>
/// <remarks>
/// The TCP connection runs over the plug's <see cref="PlugRadio"/>: while it is off the link is
/// silent and the loop waits for it to come back before trying again. Connects wait their turn at the
/// shared <see cref="ConnectThrottle"/>, so that a thousand devices starting at once do not swamp the broker.
/// </remarks>
internal sealed class PlugConnection(
    MqttSession session,
    PlugDevice device,
    CommandProcessor processor,
    StatePublisher statePublisher,
    MessageSender sender,
    PlugSettings settings,
    PlugIdentity identity,
    PlugTopics topics,
    PlugRadio radio,
    ReconnectBackoff backoff,
    ConnectThrottle throttle,
    TimeProvider timeProvider,
    ILogger<PlugConnection> logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private const int CommandQueueCapacity = 32;
    private const int WriterBufferSize = 1024;

    // Commands are processed one at a time, in order, outside MQTTnet's receive handler.
    private readonly Channel<ReceivedCommand> _commands = Channel.CreateBounded<ReceivedCommand>(
        new BoundedChannelOptions(CommandQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Lock _sessionLock = new();
    private TaskCompletionSource<string?> _sessionEnded = NewSessionSignal();

    private readonly MqttClientOptions _options = WithSmallBuffers(new MqttClientOptionsBuilder()
        .WithEndPoint(new DnsEndPoint(settings.BrokerHost, settings.BrokerPort))
        // The broker knows each device by its own credentials (username = client id = its MQTT name).
        .WithCredentials(identity.MqttPassword is null ? null : identity.MqttName, identity.MqttPassword)
        .WithStreamProvider(radio)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(identity.MqttName)
        .WithKeepAlivePeriod(settings.KeepAlive)
        .WithCleanStart(true)
        .WithSessionExpiryInterval(0)
        // MQTTnet's default waits 100 s for a CONNACK; a plug retries much sooner.
        .WithTimeout(ConnectTimeout)
        .WithWillTopic(topics.Availability)
        .WithWillPayload(PlugTopics.Offline)
        .WithWillRetain(true)
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build());

    /// <summary>Keeps the device on the broker until <paramref name="stoppingToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Bounded: an unreachable Redis costs a few seconds of factory defaults, never the link.
        await device.RestoreAsync(stoppingToken);

        session.Client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        session.Client.DisconnectedAsync += OnDisconnectedAsync;
        var processing = ProcessCommandsAsync(stoppingToken);
        try
        {
            await RunSessionsAsync(stoppingToken);
        }
        finally
        {
            session.Client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
            session.Client.DisconnectedAsync -= OnDisconnectedAsync;
            _commands.Writer.TryComplete();
            await processing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Leaves the broker after <see cref="RunAsync"/> has been stopped: offline, then DISCONNECT.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (!session.IsConnected)
        {
            return;
        }

        // Switched off in software, the plug says goodbye itself; a plug losing power does not,
        // and its will says it for it.
        session.IsReady = false;
        await sender.SendAsync(topics.Availability, PlugTopics.Offline, retain: true, cancellationToken);
        try
        {
            await session.Client.DisconnectAsync(
                new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(),
                cancellationToken);
            MqttLog.Leaving(logger, PlugTopics.Offline);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            MqttLog.Disconnected(logger, MqttClientDisconnectReason.UnspecifiedError, ex.Message, ex);
        }
    }

    private async Task RunSessionsAsync(CancellationToken stoppingToken)
    {
        // Radio off (Wi-Fi off or unplugged): no reconnect until it is back. Its switches log that fault (PlugSwitches).
        var radioOn = new ReconnectGate(() => radio.IsOn, radio.WaitUntilOnAsync);
        var loop = new ReconnectLoop(
            $"MQTT session to {settings.BrokerHost}:{settings.BrokerPort}", backoff, timeProvider, logger, radioOn);
        await loop.RunAsync(TryStartSessionAsync, stoppingToken);
    }

    private async Task<SessionAttempt> TryStartSessionAsync(CancellationToken cancellationToken)
    {
        MqttLog.Connecting(logger, settings.BrokerHost, settings.BrokerPort, identity.MqttName);
        var radioOff = radio.WhenOff;
        TaskCompletionSource<string?> sessionEnded;
        lock (_sessionLock)
        {
            _sessionEnded = sessionEnded = NewSessionSignal();
        }

        MqttSessionStart start;
        using (await throttle.EnterAsync(cancellationToken))
        {
            start = await MqttSessionSetup.StartAsync(session.Client, _options, Subscriptions(), AnnounceAsync, cancellationToken);
        }

        if (!start.IsUp)
        {
            return SessionAttempt.Failed(start.Refusal!);
        }

        MqttLog.Connected(logger, start.Connack.ResultCode, start.Connack.IsSessionPresent);
        lock (_sessionLock)
        {
            // The session may have dropped while it was being set up.
            session.IsReady = !sessionEnded.Task.IsCompleted;
        }

        if (session.IsReady)
        {
            MqttLog.Online(logger, topics.Command);
        }

        return SessionAttempt.Started(UntilEndedAsync(sessionEnded.Task, radioOff, cancellationToken));
    }

    private MqttClientSubscribeOptions Subscriptions() => new MqttClientSubscribeOptionsBuilder()
        // A retained command would replay on every reconnect ("ghost switching"): never take one.
        .WithTopicFilter(topics.Command, MqttQualityOfServiceLevel.AtLeastOnce,
            noLocal: true, retainAsPublished: false, MqttRetainHandling.DoNotSendOnSubscribe)
        .Build();

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        await sender.SendAsync(topics.Availability, PlugTopics.Online, retain: true, cancellationToken);
        await statePublisher.PublishAsync(cancellationToken);
        var (discoveryTopic, discovery) = DiscoveryConfig.Announcement(topics, identity.Name, identity.Kind);
        await sender.SendAsync(discoveryTopic, discovery, retain: true, correlationData: null, cancellationToken);
    }

    /// <summary>Ends with the session: why it dropped, or null when the radio went off (not the session's fault).</summary>
    private async Task<string?> UntilEndedAsync(Task<string?> sessionEnded, Task radioOff, CancellationToken cancellationToken)
    {
        await Task.WhenAny(sessionEnded, radioOff).WaitAsync(cancellationToken);
        if (sessionEnded.IsCompleted)
        {
            return await sessionEnded;
        }

        await DropSessionAsync();
        return null;
    }

    /// <summary>
    /// The radio went off: the plug knows at once, the broker does not. Tear the client down
    /// locally; its DISCONNECT vanishes on the silent link, which keeps its socket open.
    /// </summary>
    private async Task DropSessionAsync()
    {
        lock (_sessionLock)
        {
            session.IsReady = false;
        }

        await session.Client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        // A failed connect also ends here; it is reported where it failed. A radio switched off was logged as such.
        var fault = args.ClientWasConnected && radio.IsOn
            ? $"disconnected from the broker: {args.Reason} {args.ReasonString} {args.Exception?.Message}".TrimEnd()
            : null;
        lock (_sessionLock)
        {
            session.IsReady = false;
            _sessionEnded.TrySetResult(fault);
        }

        return Task.CompletedTask;
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (message.Topic != topics.Command)
        {
            MqttLog.UnexpectedTopic(logger, message.Topic);
            return Task.CompletedTask;
        }

        // Never block MQTTnet's receive loop (keep-alive runs beside it): a plug too busy drops.
        if (!_commands.Writer.TryWrite(ReceivedCommand.From(message, args.PacketIdentifier)))
        {
            MqttLog.CommandDropped(logger, message.Topic);
        }

        return Task.CompletedTask;
    }

    private async Task ProcessCommandsAsync(CancellationToken stoppingToken)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await processor.HandleAsync(command, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                MqttLog.CommandFailed(logger, ex);
            }
        }
    }

    // Memory per device: MQTTnet's writer starts at 4 KB and keeps up to 64 KB; a plug's packets are a few
    // hundred bytes (discovery the largest), so a small buffer that grows for a larger packet and shrinks back.
    // Measured with 1,000 devices: about 60 KB of RSS per device with it, 64 KB without (docs/worlds.md).
    private static MqttClientOptions WithSmallBuffers(MqttClientOptions options)
    {
        options.WriterBufferSize = WriterBufferSize;
        options.WriterBufferSizeMax = WriterBufferSize;
        return options;
    }

    private static TaskCompletionSource<string?> NewSessionSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
