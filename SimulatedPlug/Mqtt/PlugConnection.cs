using System.Net;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Keeps the plug on the home's broker: connect (MQTT 5, clean start, session expiry 0, last will
/// <c>offline</c>), check the CONNACK, then subscribe and announce; on any disconnect, reconnect
/// with exponential backoff and full jitter. MQTTnet 5 has no managed client, so this loop is it.
/// </summary>
/// <remarks>
/// The TCP connection runs over the plug's <see cref="PlugRadio"/>: while it is off the link is
/// silent and the loop waits for it to come back before trying again.
/// </remarks>
internal sealed class PlugConnection(
    MqttSession session,
    PlugDevice device,
    CommandProcessor processor,
    StatePublisher statePublisher,
    MessageSender sender,
    PlugSettings settings,
    PlugTopics topics,
    PlugRadio radio,
    ReconnectBackoff backoff,
    TimeProvider timeProvider,
    ILogger<PlugConnection> logger) : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private const int CommandQueueCapacity = 32;

    // Commands are processed one at a time, in order, outside MQTTnet's receive handler.
    private readonly Channel<ReceivedCommand> _commands = Channel.CreateBounded<ReceivedCommand>(
        new BoundedChannelOptions(CommandQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Lock _sessionLock = new();
    private TaskCompletionSource _sessionEnded = NewSessionSignal();

    // Since when the broker has been unreachable (null while it answers): logged when it starts, not every attempt.
    private DateTimeOffset? _brokerUnreachableSince;

    private readonly MqttClientOptions _options = new MqttClientOptionsBuilder()
        .WithEndPoint(new DnsEndPoint(settings.BrokerHost, settings.BrokerPort))
        // The broker knows each plug by its own credentials (username = device id).
        .WithCredentials(settings.MqttPassword is null ? null : settings.DeviceId, settings.MqttPassword)
        .WithStreamProvider(radio)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(settings.DeviceId)
        .WithKeepAlivePeriod(settings.KeepAlive)
        .WithCleanStart(true)
        .WithSessionExpiryInterval(0)
        // MQTTnet's default waits 100 s for a CONNACK; a plug retries much sooner.
        .WithTimeout(ConnectTimeout)
        .WithWillTopic(topics.Availability)
        .WithWillPayload(PlugTopics.Offline)
        .WithWillRetain(true)
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
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
        // Consecutive failures since the last good session: the backoff grows with them.
        var attempt = 0;
        while (true)
        {
            // Radio off (Wi-Fi off or unplugged): no reconnect until it is back.
            if (!radio.IsOn)
            {
                MqttLog.WaitingForRadio(logger);
                await radio.WaitUntilOnAsync(stoppingToken);
            }

            var radioOff = radio.WhenOff;
            TaskCompletionSource sessionEnded;
            lock (_sessionLock)
            {
                _sessionEnded = sessionEnded = NewSessionSignal();
            }

            if (await TryStartSessionAsync(sessionEnded, stoppingToken))
            {
                attempt = 0;
                // The radio's switches log the fault itself (PlugSwitches).
                await Task.WhenAny(sessionEnded.Task, radioOff).WaitAsync(stoppingToken);
                if (!sessionEnded.Task.IsCompleted)
                {
                    await DropSessionAsync();
                }
            }

            var delay = backoff.NextDelay(attempt++);
            MqttLog.Reconnecting(logger, delay, attempt);
            await Task.Delay(delay, timeProvider, stoppingToken);
        }
    }

    private async Task<bool> TryStartSessionAsync(TaskCompletionSource sessionEnded, CancellationToken cancellationToken)
    {
        MqttLog.Connecting(logger, settings.BrokerHost, settings.BrokerPort, settings.DeviceId);
        MqttClientConnectResult connack;
        try
        {
            connack = await session.Client.ConnectAsync(_options, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (_brokerUnreachableSince is null)
            {
                _brokerUnreachableSince = timeProvider.GetUtcNow();
                MqttLog.ConnectFailed(logger, settings.BrokerHost, settings.BrokerPort, ex.Message);
            }
            else
            {
                MqttLog.StillUnreachable(logger, settings.BrokerHost, settings.BrokerPort, ex.Message);
            }

            return false;
        }

        // MQTTnet 5 does not throw on a refused CONNACK.
        if (connack.ResultCode != MqttClientConnectResultCode.Success)
        {
            MqttLog.ConnectRefused(logger, connack.ResultCode, connack.ReasonString ?? "no reason string");
            return false;
        }

        MqttLog.Connected(logger, connack.ResultCode, connack.IsSessionPresent);
        if (_brokerUnreachableSince is { } since)
        {
            MqttLog.BrokerBack(logger, timeProvider.GetUtcNow() - since);
            _brokerUnreachableSince = null;
        }

        try
        {
            // Only after CONNACK: what is published before the session is up is lost.
            if (!await SubscribeAsync(cancellationToken))
            {
                await session.Client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
                return false;
            }

            await sender.SendAsync(topics.Availability, PlugTopics.Online, retain: true, cancellationToken);
            await statePublisher.PublishAsync(cancellationToken);
            await sender.SendAsync(
                topics.Discovery, PlugJson.Serialize(DiscoveryConfig.For(topics, settings.DeviceName)),
                retain: true, correlationData: null, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            MqttLog.SessionSetupFailed(logger, ex);
            if (session.IsConnected)
            {
                await session.Client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            return false;
        }

        lock (_sessionLock)
        {
            // The session may have dropped while it was being set up.
            session.IsReady = !sessionEnded.Task.IsCompleted;
        }

        if (session.IsReady)
        {
            MqttLog.Online(logger, topics.Command);
        }

        return true;
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

    private async Task<bool> SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            // A retained command would replay on every reconnect ("ghost switching"): never take one.
            .WithTopicFilter(topics.Command, MqttQualityOfServiceLevel.AtLeastOnce,
                noLocal: true, retainAsPublished: false, MqttRetainHandling.DoNotSendOnSubscribe)
            .Build();
        var suback = await session.Client.SubscribeAsync(subscribe, cancellationToken);
        foreach (var item in suback.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0
                or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                MqttLog.SubscribeRefused(logger, item.TopicFilter.Topic, item.ResultCode);
                return false;
            }
        }

        return true;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        lock (_sessionLock)
        {
            session.IsReady = false;
            _sessionEnded.TrySetResult();
        }

        // A failed connect also ends here; it is logged where it failed. A radio switched off was logged as such.
        if (args.ClientWasConnected && radio.IsOn)
        {
            MqttLog.Disconnected(logger, args.Reason, args.ReasonString ?? string.Empty, args.Exception);
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

    private static TaskCompletionSource NewSessionSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
