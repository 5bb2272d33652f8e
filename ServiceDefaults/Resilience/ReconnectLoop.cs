using Microsoft.Extensions.Logging;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Keeps a long-lived session (an MQTT session, the uplink WebSocket) up: start it; once it starts, reset the
/// backoff and wait until it ends; then, or after a failed start, back off (<see cref="ReconnectBackoff"/>) and
/// try again. While its gate is closed (the plug's radio off, the home's broadband down) it waits for the gate
/// instead of backing off, and tries at once when it opens, as a device does when its link comes back. An outage is logged once when it starts (Warning) and once when it ends (Information); each
/// attempt only at Debug, so that a long outage does not flood the logs.
/// </summary>
public sealed partial class ReconnectLoop(
    string sessionName,
    ReconnectBackoff backoff,
    TimeProvider timeProvider,
    ILogger logger,
    ReconnectGate? gate = null)
{
    // When the outage began (null while the session is up or has not failed yet).
    private DateTimeOffset? _downSince;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; returns then, without throwing.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<SessionAttempt>> startSession, CancellationToken cancellationToken)
    {
        // Consecutive failures since the last good session: the backoff grows with them.
        var attempt = 0;
        try
        {
            while (true)
            {
                if (gate is not null && !gate.IsOpen())
                {
                    LogWaitingForGate(logger, sessionName);
                    await gate.WaitUntilOpenAsync(cancellationToken);
                }

                var started = await TryStartAsync(startSession, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                if (started.Running is { } running)
                {
                    attempt = 0;
                    OnUp();
                    var reason = await EndOfAsync(running, cancellationToken);
                    // A session ended by stopping is no fault.
                    cancellationToken.ThrowIfCancellationRequested();
                    if (reason is not null)
                    {
                        OnFault(reason);
                    }
                }
                else
                {
                    OnFault(started.Failure ?? "did not start");
                }

                if (gate is not null && !gate.IsOpen())
                {
                    // The gate's wait (at the top) replaces the backoff; it opening is a fresh start.
                    attempt = 0;
                    continue;
                }

                var delay = backoff.NextDelay(attempt++);
                LogRetrying(logger, sessionName, delay, attempt);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static async Task<SessionAttempt> TryStartAsync(
        Func<CancellationToken, Task<SessionAttempt>> startSession, CancellationToken cancellationToken)
    {
        try
        {
            return await startSession(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return SessionAttempt.Failed(ex.Message);
        }
    }

    private static async Task<string?> EndOfAsync(Task<string?> running, CancellationToken cancellationToken)
    {
        try
        {
            return await running;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private void OnUp()
    {
        if (_downSince is { } since)
        {
            _downSince = null;
            LogBack(logger, sessionName, timeProvider.GetUtcNow() - since);
        }
        else
        {
            LogUp(logger, sessionName);
        }
    }

    private void OnFault(string reason)
    {
        if (gate is not null && !gate.IsOpen())
        {
            // Not the session's fault: whoever closed the gate logs that.
            LogFailedWhileGateClosed(logger, sessionName, reason);
        }
        else if (_downSince is null)
        {
            _downSince = timeProvider.GetUtcNow();
            LogDown(logger, sessionName, reason);
        }
        else
        {
            LogStillDown(logger, sessionName, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Session} is up")]
    private static partial void LogUp(ILogger logger, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Session} is down: {Reason}; reconnecting with backoff")]
    private static partial void LogDown(ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Session} is still down: {Reason}")]
    private static partial void LogStillDown(ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Session} is back after {Outage}")]
    private static partial void LogBack(ILogger logger, string session, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Session} ended while it may not connect: {Reason}")]
    private static partial void LogFailedWhileGateClosed(ILogger logger, string session, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Session} waits until it may connect")]
    private static partial void LogWaitingForGate(ILogger logger, string session);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Session}: next attempt in {Delay} (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string session, TimeSpan delay, int attempt);
}
