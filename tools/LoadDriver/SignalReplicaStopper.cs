using System.Diagnostics;

namespace SmartHome.LoadDriver;

/// <summary>
/// Stops a replica on this machine as an orchestrator's graceful stop does: SIGTERM to its process (<c>kill -TERM</c>),
/// after which ASP.NET Core drains the requests in flight and the process exits. Aspire's dashboard then shows the
/// replica Finished, and its Start brings it back. Linux and macOS only.
/// </summary>
public sealed class SignalReplicaStopper : IReplicaStopper
{
    public async Task<string> StopAsync(ReplicaTarget target, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", target.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kill could not be started.");
        var error = await kill.StandardError.ReadToEndAsync(cancellationToken);
        await kill.WaitForExitAsync(cancellationToken);
        return kill.ExitCode == 0
            ? $"SIGTERM to pid {target.ProcessId}"
            : throw new InvalidOperationException($"kill -TERM {target.ProcessId} failed: {error.Trim()}");
    }
}
