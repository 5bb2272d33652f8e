using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Threading.Channels;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>The uplink server: homes' gateways dial out to <c>/uplink/v1</c> with a WebSocket.</summary>
internal static partial class UplinkApi
{
    /// <summary>Hello and device frames read but not yet applied; the reader waits beyond this many.</summary>
    private const int FramesAwaitingApply = 64;

    public static IEndpointRouteBuilder MapUplinkApi(this IEndpointRouteBuilder app)
    {
        app.Map("/uplink/v1", AcceptAsync);
        return app;
    }

    private static async Task AcceptAsync(HttpContext context, IVendorDirectory directory, UplinkRegistry registry,
        IUplinkDirectory holders, UplinkFrameProcessor processor, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime)
    {
        var logger = loggerFactory.CreateLogger(typeof(UplinkApi).FullName!);
        var homeId = context.Request.Headers["X-Home-Id"].ToString();
        // The upgrade's request span stays open as long as the socket (hours), unseen in the dashboard until it
        // closes: the handshake gets a span of its own (linked to the request), and the frames bring their own
        // trace context or none, so nothing that happens on the uplink hangs under the open span.
        var request = Activity.Current;
        Activity.Current = null;
        bool authentic;
        using (var handshake = VendorCloudTelemetry.Source.StartActivity($"uplink connect {homeId}", ActivityKind.Internal,
            default(ActivityContext), links: request is null ? null : [new ActivityLink(request.Context)]))
        {
            handshake?.SetTag("smarthome.home.id", homeId);
            // Authenticate before upgrading: a wrong secret gets a plain 401, never a socket.
            authentic = homeId.Length > 0 && await IsGatewayAuthenticAsync(context, directory, homeId, context.RequestAborted);
            if (!authentic)
            {
                handshake.Fail("gateway not authenticated (401)");
            }
        }

        if (!authentic)
        {
            LogRejected(logger, homeId);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"uplink\"";
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new UplinkConnection(homeId, socket);
        var replaced = registry.Register(connection);
        if (replaced is not null)
        {
            LogReplaced(logger, homeId);
            await replaced.CloseAsync(WebSocketCloseStatus.PolicyViolation, "replaced by a newer uplink");
        }

        LogConnected(logger, homeId);
        await ChangeHolderAsync(() => holders.ClaimAsync(homeId, lifetime.ApplicationStopping), homeId, logger);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, connection.Closed);
        try
        {
            await ReceiveAsync(connection, processor, logger, stopping.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer vanished (broadband down) or we are stopping: handled below like a close.
        }
        finally
        {
            connection.MarkClosed();
            if (registry.Unregister(connection))
            {
                LogDisconnected(logger, homeId);
                // At once, not when the claim expires: a command landing elsewhere then fails fast as BRIDGE_UNREACHABLE.
                await ChangeHolderAsync(() => holders.ReleaseAsync(homeId, CancellationToken.None), homeId, logger);
                if (registry.GetStatus(homeId) is { Connected: false, Since: { } dropped })
                {
                    // For a command that lands on another replica: it names when the home went away, as this one would.
                    await ChangeHolderAsync(() => holders.RecordDroppedAsync(homeId, dropped, CancellationToken.None), homeId, logger);
                }
                await MarkHomeUnreachableAsync(processor, homeId, logger);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "closing");
            }
        }
    }

    /// <summary>
    /// Claims or releases the home in the directory, bounded: Redis away must not hold the socket up (the claim is then
    /// made by the next renewal, and an unreleased one expires).
    /// </summary>
    private static async Task ChangeHolderAsync(Func<Task> change, string homeId, ILogger logger)
    {
        try
        {
            await change().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or OperationCanceledException)
        {
            LogHolderNotRecorded(logger, homeId, ex.Message);
        }
    }

    private static async Task MarkHomeUnreachableAsync(UplinkFrameProcessor processor, string homeId, ILogger logger)
    {
        try
        {
            // Bounded and independent of the (already aborted) request.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await processor.MarkHomeUnreachableAsync(homeId, timeout.Token);
        }
        catch (Exception ex)
        {
            LogShadowUpdateFailed(logger, homeId, ex);
        }
    }

    private static async Task<bool> IsGatewayAuthenticAsync(HttpContext context, IVendorDirectory directory, string homeId,
        CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return false;
        }

        var home = await directory.GetHomeAsync(homeId, cancellationToken);
        return home is not null && SecretHasher.VerifyToken(header.Parameter, home.GatewaySecretHash);
    }

    /// <summary>
    /// Reads the home's frames. A result completes its command at once; hello and device frames (each a few Redis
    /// round trips) are applied in their order by <see cref="ApplyInOrderAsync"/> behind the reader, so that a shadow
    /// write never holds back the answer a person is waiting for. Returns once every frame read has been applied.
    /// </summary>
    internal static async Task ReceiveAsync(UplinkConnection connection, UplinkFrameProcessor processor, ILogger logger,
        CancellationToken cancellationToken)
    {
        // Bounded: a home that floods device frames slows its own reader (and socket) down, nothing else.
        var toApply = Channel.CreateBounded<UplinkFrame>(new BoundedChannelOptions(FramesAwaitingApply)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var applying = ApplyInOrderAsync(connection, processor, toApply.Reader, logger, cancellationToken);
        try
        {
            while (await UplinkMessageReader.ReadAsync(connection.Socket, cancellationToken) is { } message)
            {
                if (!message.IsText)
                {
                    LogBadFrame(logger, connection.HomeId, "binary frames are not part of the protocol");
                    continue;
                }

                var frame = UplinkFrameSerializer.Deserialize(message.Payload, out var problem);
                if (frame is null)
                {
                    LogBadFrame(logger, connection.HomeId, problem ?? "unreadable");
                    continue;
                }

                if (!processor.Take(connection, frame))
                {
                    await toApply.Writer.WriteAsync(frame, cancellationToken);
                }
            }
        }
        catch (InvalidDataException)
        {
            // A frame too large: the reader has closed the socket with 1009 (message too big).
        }
        finally
        {
            // The frames already read are applied before the caller marks the home unreachable (in their order).
            toApply.Writer.TryComplete();
            await applying.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task ApplyInOrderAsync(UplinkConnection connection, UplinkFrameProcessor processor,
        ChannelReader<UplinkFrame> frames, ILogger logger, CancellationToken cancellationToken)
    {
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            try
            {
                await processor.ApplyAsync(connection, frame, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One frame that cannot be applied (e.g. Redis briefly away) must not drop the home's uplink.
                LogFrameFailed(logger, connection.HomeId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink refused for home '{HomeId}': unknown home or wrong gateway secret")]
    private static partial void LogRejected(ILogger logger, string homeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink of home {HomeId} connected")]
    private static partial void LogConnected(ILogger logger, string homeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink of home {HomeId} replaced by a newer connection")]
    private static partial void LogReplaced(ILogger logger, string homeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink of home {HomeId} disconnected; its devices are unreachable")]
    private static partial void LogDisconnected(ILogger logger, string homeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory of uplinks was not updated for home {HomeId}: {Problem}")]
    private static partial void LogHolderNotRecorded(ILogger logger, string homeId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark the devices of home {HomeId} offline in their shadows")]
    private static partial void LogShadowUpdateFailed(ILogger logger, string homeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A frame from home {HomeId} could not be applied")]
    private static partial void LogFrameFailed(ILogger logger, string homeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bad frame on the uplink of home {HomeId}: {Problem}")]
    private static partial void LogBadFrame(ILogger logger, string homeId, string problem);
}
