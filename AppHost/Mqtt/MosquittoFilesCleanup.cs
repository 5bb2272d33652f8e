using Microsoft.Extensions.Hosting;

namespace SmartHome.AppHost.Mqtt;

/// <summary>Removes mosquitto's generated folder (password hashes included) when the AppHost stops.</summary>
internal sealed class MosquittoFilesCleanup(string directory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in the temp folder, readable by this user only, for the OS to clean.
        }

        return Task.CompletedTask;
    }
}
