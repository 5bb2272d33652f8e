using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.ServiceDefaults;
using static SmartHome.DeviceGateway.Lan.MqttBridgeLog;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The gateway's own MQTT session on its broker: keeps the device table from the plugs' retained
/// state and availability, completes commands from their responses, and publishes commands.
/// </summary>
internal sealed partial class MqttBridge(
    GatewayOptions options,
    MqttCredentials credentials,
    DeviceTable devices,
    PendingCommands pending,
    TimeProvider timeProvider,
    ILogger<MqttBridge> logger) : BackgroundService, IMqttPublisher
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), Random.Shared);
    private volatile bool _sessionUp;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _offlineSince = new(StringComparer.Ordinal);

    // When the session went down (null while up): an outage is logged when it starts and ends, not every attempt.
    private DateTimeOffset? _downSince;

    public string ClientId => options.MqttClientId;

    /// <summary>Connected, subscribed, and <c>online</c> published.</summary>
    public bool IsSessionUp => _sessionUp && _client.IsConnected;

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.IsConnected
            ? _client.PublishAsync(message, cancellationToken)
            : throw new InvalidOperationException("the gateway's MQTT session is down");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sessionLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task OnDisconnected(MqttClientDisconnectedEventArgs args)
            {
                if (args.ClientWasConnected)
                {
                    _downSince ??= timeProvider.GetUtcNow();
                    LogSessionLost(logger, args.Reason.ToString(), args.ReasonString, args.Exception?.Message);
                }

                sessionLost.TrySetResult();
                return Task.CompletedTask;
            }

            _client.DisconnectedAsync += OnDisconnected;
            try
            {
                if (await TryStartSessionAsync(stoppingToken))
                {
                    attempt = 0;
                    await sessionLost.Task.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (_downSince is null)
                {
                    _downSince = timeProvider.GetUtcNow();
                    LogConnectFailed(logger, options.MqttPort, ex.Message);
                }
                else
                {
                    LogStillFailing(logger, options.MqttPort, ex.Message);
                }
            }
            finally
            {
                _sessionUp = false;
                _client.DisconnectedAsync -= OnDisconnected;
            }

            try
            {
                await Task.Delay(_backoff.NextDelay(attempt++), timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<bool> TryStartSessionAsync(CancellationToken cancellationToken)
    {
        var statusTopic = MqttTopics.GatewayStatus(options.HomeId);
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", options.MqttPort)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(ClientId)
            .WithCredentials(credentials.BridgeClientId, credentials.BridgePassword)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            // One will per connection: the gateway's own status. Devices carry their own availability.
            .WithWillTopic(statusTopic)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

        var connect = await _client.ConnectAsync(clientOptions, cancellationToken);
        // MQTTnet 5 reports a refused CONNACK in the result instead of throwing.
        if (connect.ResultCode != MqttClientConnectResultCode.Success)
        {
            LogConnectRefused(logger, connect.ResultCode.ToString(), connect.ReasonString);
            return false;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in MqttTopics.BridgeSubscriptions(options.HomeId))
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        // Granted QoS codes are 0..2; anything from 0x80 up is a refusal.
        if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode >= 0x80) is { } refused)
        {
            LogSubscribeRefused(logger, refused.TopicFilter.Topic, refused.ResultCode.ToString());
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
            return false;
        }

        // Only after CONNACK and the subscriptions: availability published earlier could be lost.
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(statusTopic)
            .WithPayload(MqttTopics.Online)
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);

        _sessionUp = true;
        if (_downSince is { } since)
        {
            LogSessionBack(logger, ClientId, timeProvider.GetUtcNow() - since);
            _downSince = null;
        }
        else
        {
            LogSessionUp(logger, ClientId, options.MqttPort);
        }
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_client.IsConnected)
        {
            return;
        }

        // Bounded on its own: the host's token may already be spent by services stopped before us.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), timeProvider);
        try
        {
            // A clean DISCONNECT suppresses the will, so say "offline" ourselves first.
            await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(MqttTopics.GatewayStatus(options.HomeId))
                .WithPayload(MqttTopics.Offline)
                .WithRetainFlag(true)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), timeout.Token);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception ex)
        {
            // The broker will publish our will instead.
            LogCleanStopFailed(logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (!MqttTopics.TryParse(options.HomeId, message.Topic, out var topic))
        {
            return Task.CompletedTask;
        }

        var parent = TraceContextCarrier.Extract(message);
        using var activity = GatewayTelemetry.Source.StartMqttProcess(message.Topic, ClientId, parent);
        var cause = activity?.Context ?? parent;
        var payload = message.Payload.ToArray();
        try
        {
            switch (topic.Kind)
            {
                case HomeTopicKind.DeviceAvailability:
                    activity?.SetTag(MessagingSpans.DeviceId, topic.DeviceId);
                    OnAvailability(topic.DeviceId!, payload, cause, activity);
                    break;
                case HomeTopicKind.DeviceState:
                    activity?.SetTag(MessagingSpans.DeviceId, topic.DeviceId);
                    OnState(topic.DeviceId!, payload, cause, activity);
                    break;
                case HomeTopicKind.GatewayResponses:
                    OnResponse(message, payload, activity);
                    break;
            }
        }
        catch (Exception ex)
        {
            // Never let one bad message take down the session's receive loop.
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            LogMessageFailed(logger, message.Topic, ex.Message);
        }

        return Task.CompletedTask;
    }

    private void OnAvailability(string deviceId, byte[] payload, ActivityContext cause, Activity? activity)
    {
        var text = System.Text.Encoding.UTF8.GetString(payload);
        bool online;
        switch (text)
        {
            case MqttTopics.Online:
                online = true;
                break;
            case MqttTopics.Offline:
                online = false;
                break;
            case "":
                // A cleared retained message says nothing about the device.
                return;
            default:
                activity?.SetStatus(ActivityStatusCode.Error, "availability payload is neither online nor offline");
                LogBadPayload(logger, deviceId, "availability");
                return;
        }

        var wasOnline = devices.Find(deviceId)?.Online == true;
        if (devices.SetAvailability(deviceId, online, cause))
        {
            LogAvailability(deviceId, online, wasOnline);
        }

        if (!online)
        {
            // Commands waiting on a device that has just gone away fail now, not after the timeout.
            pending.CompleteAllFor(deviceId, CommandResult.Offline(deviceId));
        }
    }

    /// <summary>A device dropping off is a fault: Warning once when it starts, Information when it is back.</summary>
    private void LogAvailability(string deviceId, bool online, bool wasOnline)
    {
        var now = timeProvider.GetUtcNow();
        if (!online && wasOnline)
        {
            _offlineSince[deviceId] = now;
            LogDeviceWentOffline(logger, deviceId);
        }
        else if (online && _offlineSince.TryRemove(deviceId, out var since))
        {
            LogDeviceBack(logger, deviceId, now - since);
        }
        else
        {
            LogAvailabilityChanged(logger, deviceId, online ? MqttTopics.Online : MqttTopics.Offline);
        }
    }

    private void OnState(string deviceId, byte[] payload, ActivityContext cause, Activity? activity)
    {
        if (payload.Length == 0)
        {
            return;
        }

        LightState? state;
        try
        {
            state = JsonSerializer.Deserialize<LightState>(payload, GatewayJson.Options);
        }
        catch (JsonException)
        {
            state = null;
        }

        if (state is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "state payload is not a JSON light state");
            LogBadPayload(logger, deviceId, "state");
            return;
        }

        devices.SetState(deviceId, state, cause);
    }

    private void OnResponse(MqttApplicationMessage message, byte[] payload, Activity? activity)
    {
        if (message.CorrelationData is { Length: 16 } correlation)
        {
            activity.SetConversationId(new Guid(correlation));
        }

        if (!pending.TryComplete(message.CorrelationData, () => CommandResult.FromResponse(payload)))
        {
            // Late (after a timeout) or not ours.
            LogUnmatchedResponse(logger);
        }
    }
}
