using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// Looks at the world file every couple of seconds and reads it again when it was written (polling: a
/// file watcher misses the rename an editor saves with). A bad edit is logged with the loader's message
/// and the world stays as it was.
/// </summary>
public sealed partial class WorldFileReloader(WorldSource world, TimeProvider time, ILogger<WorldFileReloader> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (world.File is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                if (await world.ReloadIfChangedAsync(stoppingToken))
                {
                    LogReloaded(logger, world.File, world.Current.Homes.Count, world.Current.Homes.Sum(h => h.Devices.Count));
                }
            }
            catch (WorldFileException ex)
            {
                LogInvalid(logger, ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogInvalid(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "World file {File} read again: {Homes} homes, {Devices} devices")]
    private static partial void LogReloaded(ILogger logger, string file, int homes, int devices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The edited world file is not taken, the world stays as it was: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string problem);
}
