using System.Net.WebSockets;
using System.Text.Json;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults;
using static SmartHome.DeviceGateway.Uplink.UplinkClientLog;

namespace SmartHome.DeviceGateway.Uplink;

/// <summary>
/// The home's uplink: dials out to the vendor cloud through the gateway's own WAN edge, says hello
/// with the device table, reports device changes, and runs the commands the vendor sends down.
/// </summary>
internal sealed partial class UplinkClient(
    GatewayOptions options,
    DeviceTable devices,
    CommandDispatcher dispatcher,
    UplinkConnectionTracker status,
    WifiBand band,
    WanEdge broadband,
    TimeProvider timeProvider,
    ILogger<UplinkClient> logger,
    IHostApplicationLifetime? lifetime = null,
    SemaphoreSlim? dialGate = null,
    HttpMessageInvoker? handshakes = null) : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), Random.Shared);
    private readonly Lock _gate = new();
    private UplinkSession? _current;

    public Uri Endpoint { get; } = UplinkEndpoint(options.UplinkUrl);

    /// <summary><c>http://host:port</c> becomes <c>ws://host:port/uplink/v1</c>.</summary>
    public static Uri UplinkEndpoint(Uri baseUrl)
    {
        var builder = new UriBuilder(baseUrl)
        {
            Scheme = baseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        builder.Path = builder.Path.TrimEnd('/') + "/uplink/v1";
        return builder.Uri;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The uplink dials out through this process's own WAN edge, which listens only once the host has started:
        // an earlier dial is refused, an error trace on every start.
        if (lifetime is not null && !await WaitForStartAsync(lifetime, stoppingToken))
        {
            return;
        }

        devices.Changed += OnDeviceChanged;
        try
        {
            // While the home's broadband is down the uplink waits for it, and dials the moment it is back.
            var loop = new ReconnectLoop($"Uplink to {Endpoint}", _backoff, timeProvider, logger,
                new ReconnectGate(() => broadband.IsUp, broadband.WaitUntilUpAsync));
            await loop.RunAsync(DialAsync, stoppingToken);
        }
        finally
        {
            devices.Changed -= OnDeviceChanged;
        }
    }

    private async Task<SessionAttempt> DialAsync(CancellationToken stoppingToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Home-Id", options.HomeId);
        socket.Options.SetRequestHeader("Authorization", $"Bearer {options.GatewaySecret}");
        socket.Options.KeepAliveInterval = options.UplinkKeepAlive;
        // PING/PONG with a deadline: a line that dies silently is noticed, not waited on forever.
        socket.Options.KeepAliveTimeout = options.UplinkKeepAlive * 2;
        socket.Options.CollectHttpResponseDetails = true;
        var gated = false;
        try
        {
            // A fleet's homes dial a few at a time (the gate is shared), not a thousand handshakes at once.
            if (dialGate is not null)
            {
                await dialGate.WaitAsync(stoppingToken);
                gated = true;
            }

            using var connectTimeout = new CancellationTokenSource(ConnectTimeout, timeProvider);
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connectTimeout.Token);
            // A fleet's homes share one handler for the handshake (handshakes); without one, ClientWebSocket
            // builds a handler of its own for every dial, whose connection pool lives as long as the socket.
            await (handshakes is null
                ? socket.ConnectAsync(Endpoint, connecting.Token)
                : socket.ConnectAsync(Endpoint, handshakes, connecting.Token));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // 401 (wrong secret), 503 (broadband down), refused, reset: all retried with backoff.
            var httpStatus = socket.HttpStatusCode;
            socket.Dispose();
            return SessionAttempt.Failed(httpStatus == 0 ? ex.Message : $"HTTP {(int)httpStatus}: {ex.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            if (gated)
            {
                dialGate!.Release();
            }
        }

        return SessionAttempt.Started(RunSessionAsync(socket, stoppingToken));
    }

    private static async Task<bool> WaitForStartAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the session on <paramref name="socket"/> (and disposes it); ends with why it ended.</summary>
    private async Task<string?> RunSessionAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        using var owned = socket;
        var session = new UplinkSession(socket);
        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Hello goes first and holds the table as of now; every later change queues behind it.
        devices.WithSnapshot(snapshot =>
        {
            lock (_gate)
            {
                _current = session;
                // Broadband is up by definition: this session runs through the WAN edge.
                session.TryEnqueue(new HelloFrame(options.HomeId,
                    [.. snapshot.Select(d => new UplinkDevice(d.DeviceId, d.Online, d.State))],
                    band.IsOn ? "on" : "off",
                    "up"));
            }
        });

        status.SetConnected(true);
        var writer = RunWriterAsync(session, sessionEnd);
        try
        {
            while (await UplinkMessageReader.ReadAsync(socket, sessionEnd.Token) is { } message)
            {
                OnMessage(message, session, sessionEnd.Token);
            }
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }

            session.Complete();
            await sessionEnd.CancelAsync();
            await writer;
            await CloseQuietlyAsync(socket);
            status.SetConnected(false);
        }

        return $"closed by the vendor: {socket.CloseStatus} {socket.CloseStatusDescription}".TrimEnd();
    }

    private async Task RunWriterAsync(UplinkSession session, CancellationTokenSource sessionEnd)
    {
        try
        {
            await session.RunWriterAsync(sessionEnd.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // A failed send means the link is gone: end the session so that the reader stops too.
            await sessionEnd.CancelAsync();
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "gateway closing", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The link is already gone; nothing to tell the other side.
        }
    }

    private void OnDeviceChanged(DeviceChange change)
    {
        var device = change.Device;
        lock (_gate)
        {
            _current?.TryEnqueue(new DeviceFrame(device.DeviceId, device.Online, device.State, Cause: change.ChangeCause).WithTraceContext(change.Cause));
        }
    }

    private void OnMessage(UplinkMessage message, UplinkSession session, CancellationToken sessionToken)
    {
        if (!message.IsText)
        {
            LogMalformedFrame(logger, "binary message; frames are JSON text");
            return;
        }

        var frame = UplinkFrameSerializer.Deserialize(message.Payload, out var problem);
        if (frame is null)
        {
            LogMalformedFrame(logger, problem ?? "unreadable");
            AnswerMalformedCommand(message.Payload, session, problem ?? "unreadable");
            return;
        }

        if (frame is CommandFrame command)
        {
            // Concurrent: a slow device must not hold up the receive loop (or other devices' commands).
            _ = HandleCommandAsync(command, session, sessionToken);
        }
        else
        {
            LogUnexpectedFrame(logger, frame.GetType().Name);
        }
    }

    internal async Task HandleCommandAsync(CommandFrame command, UplinkSession session, CancellationToken cancellationToken)
    {
        using var activity = GatewayTelemetry.Source.StartUplinkProcess(options.HomeId, command);

        CommandResult result;
        try
        {
            result = await dispatcher.SendCommandAsync(command.DeviceId, command.Command, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The uplink is gone; there is no one to answer.
            activity.Fail(CommandFailure.UplinkClosed());
            return;
        }
        catch (Exception ex)
        {
            result = CommandResult.Failed($"the gateway could not run the command: {ex.Message}");
        }

        activity?.SetTag(GatewayTelemetry.CommandStatus, result.Status.ToString().ToLowerInvariant());
        if (result.Status != ResultStatus.Ok)
        {
            // Every failed command's trace names the hop that broke, whichever path the failure took.
            activity.Fail(result.Failure ?? CommandFailure.Gateway($"the command failed: {result.Error ?? result.Status.ToString()}"));
        }

        LogCommandAnswered(logger, command.Id, command.DeviceId, result.Status);
        session.TryEnqueue(new ResultFrame(command.Id, command.DeviceId, result.Status, result.State, result.Error));
    }

    /// <summary>A command frame that does not parse still names its id: answer it with an error instead of silence.</summary>
    private void AnswerMalformedCommand(byte[] payload, UplinkSession session, string error)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.ValueEquals("command")
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                var deviceId = root.TryGetProperty("deviceId", out var device) && device.ValueKind == JsonValueKind.String
                    ? device.GetString()!
                    : "";
                session.TryEnqueue(new ResultFrame(id.GetString()!, deviceId, ResultStatus.Error,
                    Error: $"malformed command frame: {error}"));
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: nothing to answer.
        }
    }
}
