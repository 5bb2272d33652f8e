using System.Net;
using MQTTnet.Server;

namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The home LAN's MQTT 5 broker (MQTTnet), on loopback. MQTTnet drops a client that stays silent for
/// 1.5 x its keep-alive and publishes the client's will; retained messages live in memory.
/// </summary>
internal sealed partial class MqttBrokerService : IHostedService, IDisposable
{
    private readonly MqttServer _server;
    private readonly ILogger<MqttBrokerService> _logger;

    public MqttBrokerService(GatewayOptions options, ILogger<MqttBrokerService> logger)
    {
        _logger = logger;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            // IPv4 loopback only: IPAddress.None switches the IPv6 listener off.
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(options.MqttPort)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ClientConnectedAsync += OnClientConnectedAsync;
        _server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        Port = options.MqttPort;
    }

    public int Port { get; }

    public bool IsRunning => _server.IsStarted;

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

    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        LogClientConnected(_logger, args.ClientId, args.RemoteEndPoint?.ToString() ?? "?", args.ProtocolVersion.ToString());
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        // NotClean: the link died or keep-alive ran out; the broker publishes the client's will.
        LogClientDisconnected(_logger, args.ClientId, args.DisconnectType.ToString(),
            args.ReasonCode?.ToString() ?? "none", args.ReasonString);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} connected from {Endpoint} ({ProtocolVersion})")]
    private static partial void LogClientConnected(ILogger logger, string clientId, string endpoint, string protocolVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} disconnected: {DisconnectType}, reason code {ReasonCode} {ReasonString}")]
    private static partial void LogClientDisconnected(ILogger logger, string clientId, string disconnectType, string reasonCode, string? reasonString);
}
