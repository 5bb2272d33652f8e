using System.Net;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SmartHome.DeviceGateway.Homes;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The LAN's MQTT 5 broker (MQTTnet), on loopback: one for every home of the gateway, each home in its own
/// topic namespace <c>homes/{homeId}/</c>. MQTTnet drops a client that stays silent for
/// 1.5 x its keep-alive and publishes the client's will; retained messages live in memory.
/// Every client authenticates (<see cref="MqttCredentials"/>) and is held to <see cref="MqttAccessPolicy"/>;
/// devices reach it over their home's 2.4 GHz band (<see cref="WifiBand"/>). A person's tool joins as a home's
/// observer or integrator, with any client id but a device's or the bridge's.
/// </summary>
internal sealed partial class MqttBrokerService : IHostedService, IDisposable, ILanListener
{
    private const int WriterBufferBytes = 512;

    private readonly MqttServer _server;
    private readonly ILogger<MqttBrokerService> _logger;
    private readonly MqttCredentials _credentials;
    private readonly GatewayHomes _homes;

    public MqttBrokerService(GatewayOptions options, MqttCredentials credentials, GatewayHomes homes, ILogger<MqttBrokerService> logger)
    {
        _logger = logger;
        _credentials = credentials;
        _homes = homes;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            // IPv4 loopback only: IPAddress.None switches the IPv6 listener off.
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(options.MqttPort)
            .Build();
        // Every session keeps its packet writers' buffers (4 KB each by default) for its whole life, a thousand of
        // them in a fleet; our packets are a few hundred bytes, and a larger one grows the buffer while it is written.
        serverOptions.WriterBufferSize = WriterBufferBytes;
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        _server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        _server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        _server.InterceptingOutboundPacketAsync += OnInterceptingOutboundPacketAsync;
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        Port = options.MqttPort;
    }

    public int Port { get; }

    public bool IsRunning => _server.IsStarted;

    public string Describe() => $"broker on 127.0.0.1:{Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync();
        LogStarted(_logger, Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync(new MqttServerStopOptionsBuilder().Build());
            LogStopped(_logger);
        }
    }

    public void Dispose() => _server.Dispose();

    /// <summary>The retained message on <paramref name="topic"/>, if any: what a new subscriber would get first.</summary>
    public async Task<MQTTnet.MqttApplicationMessage?> GetRetainedAsync(string topic) =>
        (await _server.GetRetainedMessagesAsync()).FirstOrDefault(m => m.Topic == topic);

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        var isBridge = args.ClientId == _credentials.BridgeClientId;
        // A device is on its own home's band; a client that is no device of any home fails the credential check.
        var band = isBridge ? null : BandOf(args.ClientId);
        if (band is { IsOn: false })
        {
            // No radio: the device never gets an answer, its connection just dies, and it keeps retrying.
            // The reason code only stops MQTTnet from opening a session (and publishing a will) for it:
            // with the transport closed, no CONNACK reaches the device.
            band.Attach(args.ClientId, EndPointOf(args.RemoteEndPoint), args.ChannelAdapter);
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            LogRefused(_logger, args.ClientId, "2.4 GHz band off: transport closed");
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(args.ClientId))
        {
            // MQTT 5 lets the broker name a client that sends none (mosquitto_sub does); without a name MQTTnet would
            // answer ClientIdentifierNotValid before any credential is looked at. Only a role user may stay.
            args.AssignedClientIdentifier = $"anonymous-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";
        }

        if (!_credentials.IsValid(args.UserName, args.RawPassword ?? []))
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            LogRefused(_logger, args.ClientId, args.ReasonCode.ToString());
            return Task.CompletedTask;
        }

        if (_credentials.FindRole(args.UserName) is not null)
        {
            ValidateRoleClientId(args);
            return Task.CompletedTask;
        }

        if (args.ClientId != args.UserName)
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogRefused(_logger, args.ClientId, args.ReasonCode.ToString());
            return Task.CompletedTask;
        }

        if (band is not null && !band.Attach(args.ClientId, EndPointOf(args.RemoteEndPoint), args.ChannelAdapter))
        {
            // The band went off while this device was being let in.
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
        }

        return Task.CompletedTask;
    }

    /// <summary>A role user may not take over a device's or the bridge's session; an empty client id gets one assigned.</summary>
    private void ValidateRoleClientId(ValidatingConnectionEventArgs args)
    {
        if (args.ClientId == _credentials.BridgeClientId || _homes.FindDevice(args.ClientId) is not null)
        {
            args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogRefused(_logger, args.ClientId, args.ReasonCode.ToString());
        }
        else if (string.IsNullOrEmpty(args.ClientId))
        {
            args.AssignedClientIdentifier = $"{args.UserName}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}";
        }
    }

    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var allowed = _credentials.FindRole(args.UserName) is { } role
            ? MqttAccessPolicy.MayPublish(role, topic)
            : MqttAccessPolicy.MayPublish(_credentials.BridgeClientId, args.ClientId, _homes.FindDevice(args.ClientId), topic);
        if (!allowed)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            LogPublishRefused(_logger, args.ClientId, topic);
        }

        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        var allowed = _credentials.FindRole(args.UserName) is { } role
            ? MqttAccessPolicy.MaySubscribe(role, filter)
            : MqttAccessPolicy.MaySubscribe(_credentials.BridgeClientId, args.ClientId, _homes.FindDevice(args.ClientId), filter);
        if (!allowed)
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            LogSubscribeRefused(_logger, args.ClientId, filter);
        }

        return Task.CompletedTask;
    }

    /// <summary>A role user's filter under <c>homeassistant/</c> matches every home's discovery: it gets its own home's only.</summary>
    private Task OnInterceptingOutboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MqttPublishPacket publish && _credentials.FindRole(args.UserName) is { } role
            && !MqttAccessPolicy.MayRead(role, publish.Topic, _homes.FindDevice))
        {
            args.ProcessPacket = false;
        }

        return Task.CompletedTask;
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        LogClientConnected(_logger, args.ClientId, args.RemoteEndPoint?.ToString() ?? "?", args.ProtocolVersion.ToString());
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        // NotClean: the link died or keep-alive ran out; the broker publishes the client's will.
        BandOf(args.ClientId)?.Detach(args.ClientId, EndPointOf(args.RemoteEndPoint));
        LogClientDisconnected(_logger, args.ClientId, args.DisconnectType.ToString(),
            args.ReasonCode?.ToString() ?? "none", args.ReasonString);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, int port);

    private WifiBand? BandOf(string clientId) =>
        _homes.FindDevice(clientId) is { } device ? _homes.Find(device.HomeId)?.Band : null;

    private static string EndPointOf(EndPoint? endPoint) => endPoint?.ToString() ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} refused at CONNECT: {Reason}")]
    private static partial void LogRefused(ILogger logger, string clientId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} may not publish to {Topic}: NotAuthorized")]
    private static partial void LogPublishRefused(ILogger logger, string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT client {ClientId} may not subscribe to {Filter}: NotAuthorized")]
    private static partial void LogSubscribeRefused(ILogger logger, string clientId, string filter);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} connected from {Endpoint} ({ProtocolVersion})")]
    private static partial void LogClientConnected(ILogger logger, string clientId, string endpoint, string protocolVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} disconnected: {DisconnectType}, reason code {ReasonCode} {ReasonString}")]
    private static partial void LogClientDisconnected(ILogger logger, string clientId, string disconnectType, string reasonCode, string? reasonString);
}
