using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.ServiceDefaults;
using static SmartHome.DeviceGateway.Lan.MqttBridgeLog;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The gateway's own MQTT session on its broker, one for every home (subscribed to <c>homes/+/...</c>): keeps
/// each home's device table from its plugs' retained state and availability, completes each home's commands
/// from their responses, and publishes commands. One session, not one per home: a fleet's memory is per home.
/// </summary>
internal sealed partial class MqttBridge(
    GatewayOptions options,
    MqttCredentials credentials,
    GatewayHomes homes,
    TimeProvider timeProvider,
    ILogger<MqttBridge> logger) : BackgroundService, IMqttPublisher
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), Random.Shared);
    private volatile bool _sessionUp;
    // By device name (its MQTT name: plug-1 in the default world, home-7/plug-1 where homes share ids).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _offlineSince = new(StringComparer.Ordinal);

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
        var loop = new ReconnectLoop($"MQTT bridge session {ClientId} on {BrokerHost}:{BrokerPort}", _backoff, timeProvider, logger);
        await loop.RunAsync(StartSessionAsync, stoppingToken);
    }

    private async Task<SessionAttempt> StartSessionAsync(CancellationToken cancellationToken)
    {
        // Watched from before CONNECT: the session may drop while it is being set up.
        var lost = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnDisconnected(MqttClientDisconnectedEventArgs args)
        {
            lost.TrySetResult($"session lost: {args.Reason} {args.ReasonString} {args.Exception?.Message}".TrimEnd());
            return Task.CompletedTask;
        }

        _client.DisconnectedAsync += OnDisconnected;
        MqttSessionStart start;
        try
        {
            start = await MqttSessionSetup.StartAsync(_client, ClientOptions(), Subscriptions(), PublishOnlineAsync, cancellationToken);
        }
        catch
        {
            _client.DisconnectedAsync -= OnDisconnected;
            throw;
        }

        if (!start.IsUp)
        {
            _client.DisconnectedAsync -= OnDisconnected;
            return SessionAttempt.Failed(start.Refusal!);
        }

        _sessionUp = true;
        return SessionAttempt.Started(UntilLostAsync(lost.Task, OnDisconnected, cancellationToken));
    }

    private async Task<string?> UntilLostAsync(
        Task<string?> lost, Func<MqttClientDisconnectedEventArgs, Task> onDisconnected, CancellationToken cancellationToken)
    {
        try
        {
            return await lost.WaitAsync(cancellationToken);
        }
        finally
        {
            _sessionUp = false;
            _client.DisconnectedAsync -= onDisconnected;
        }
    }

    // Its own broker, or the external one directly (not through the band's relay: the bridge is not on the radio).
    private string BrokerHost => options.HostsBroker ? "127.0.0.1" : options.BrokerUrl!.Host;

    private int BrokerPort => options.HostsBroker ? options.MqttPort : options.BrokerUrl!.Port;

    private MqttClientOptions ClientOptions() => new MqttClientOptionsBuilder()
        .WithTcpServer(BrokerHost, BrokerPort)
        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
        .WithClientId(ClientId)
        .WithCredentials(credentials.BridgeClientId, credentials.BridgePassword)
        .WithCleanStart(true)
        .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
        .WithTimeout(TimeSpan.FromSeconds(10))
        // One will per connection: the story home's gateway status (the broker allows one). Devices carry their own availability.
        .WithWillTopic(MqttTopics.GatewayStatus(options.HomeId))
        .WithWillPayload(MqttTopics.Offline)
        .WithWillRetain(true)
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private MqttClientSubscribeOptions Subscriptions()
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in MqttTopics.AllHomesSubscriptions)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return subscribe.Build();
    }

    /// <summary>Every home's gateway says <c>online</c> (retained).</summary>
    private async Task PublishOnlineAsync(CancellationToken cancellationToken)
    {
        foreach (var home in homes.All)
        {
            await _client.PublishAsync(GatewayStatus(home.Id, MqttTopics.Online), cancellationToken);
        }
    }

    private static MqttApplicationMessage GatewayStatus(string homeId, string status) => new MqttApplicationMessageBuilder()
        .WithTopic(MqttTopics.GatewayStatus(homeId))
        .WithPayload(status)
        .WithRetainFlag(true)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

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
            // A clean DISCONNECT suppresses the will, so say "offline" ourselves first, for every home.
            foreach (var home in homes.All)
            {
                await _client.PublishAsync(GatewayStatus(home.Id, MqttTopics.Offline), timeout.Token);
            }

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
        if (!MqttTopics.TryParse(message.Topic, out var homeId, out var topic) || homes.Find(homeId) is not { } home)
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
                    OnAvailability(home, topic.DeviceId!, payload, cause, activity);
                    break;
                case HomeTopicKind.DeviceState:
                    activity?.SetTag(MessagingSpans.DeviceId, topic.DeviceId);
                    OnState(home, topic.DeviceId!, message, payload, cause, activity);
                    break;
                case HomeTopicKind.GatewayResponses:
                    OnResponse(home, message, payload, activity);
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

    private void OnAvailability(HomeHub home, string deviceId, byte[] payload, ActivityContext cause, Activity? activity)
    {
        var devices = home.Devices;
        var name = NameOf(home, deviceId);
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
                LogBadPayload(logger, name, "availability");
                return;
        }

        var wasOnline = devices.Find(deviceId)?.Online == true;
        if (devices.SetAvailability(deviceId, online, cause))
        {
            LogAvailability(name, online, wasOnline);
        }

        if (!online)
        {
            // Commands waiting on a device that has just gone away fail now, not after the timeout.
            home.Pending.CompleteAllFor(deviceId, CommandResult.Offline(deviceId));
        }
    }

    /// <summary>How logs name a device: as the broker knows it (plug-1 in the default world, home-7/plug-1 in a fleet).</summary>
    private string NameOf(HomeHub home, string deviceId) =>
        homes.FindDevice(deviceId) is { } device && device.HomeId == home.Id ? deviceId : $"{home.Id}/{deviceId}";

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

    private void OnState(HomeHub home, string deviceId, MqttApplicationMessage message, byte[] payload, ActivityContext cause,
        Activity? activity)
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
            LogBadPayload(logger, NameOf(home, deviceId), "state");
            return;
        }

        home.Devices.SetState(deviceId, state, cause, ChangeCauseOf(message));
    }

    /// <summary>Why the plug says its state changed (its <c>cause</c> user property), passed on to the vendor unchanged.</summary>
    private static string? ChangeCauseOf(MqttApplicationMessage message) =>
        message.UserProperties?.FirstOrDefault(property => property.Name == ChangeCause.UserProperty)?.ReadValueAsString() is { Length: > 0 and <= 32 } cause
            ? cause
            : null;

    private void OnResponse(HomeHub home, MqttApplicationMessage message, byte[] payload, Activity? activity)
    {
        if (message.CorrelationData is { Length: 16 } correlation)
        {
            activity.SetConversationId(new Guid(correlation));
        }

        if (!home.Pending.TryComplete(message.CorrelationData, () => CommandResult.FromResponse(payload)))
        {
            // Late (after a timeout) or not ours.
            LogUnmatchedResponse(logger);
        }
    }
}
