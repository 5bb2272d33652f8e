using Microsoft.Extensions.Configuration;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The world as it is now. It starts as the world the configuration names; a world file edited while
/// the app runs (a device added) is read again by <see cref="WorldFileReloader"/>, and
/// <see cref="Changed"/> tells the services that act on it (the vendor seeds the new device; the
/// assistant knows its room). A file that has become invalid is not taken: the world stays as it was.
/// </summary>
public sealed class WorldSource
{
    private readonly object _gate = new();
    private DateTime _fileWrittenAt;

    public WorldSource(IConfiguration configuration)
        : this(WorldLoader.FromConfiguration(configuration), IsFleet(configuration) ? null : configuration[WorldLoader.FileKey])
    {
    }

    public WorldSource(World initial, string? file = null)
    {
        Current = initial;
        File = string.IsNullOrWhiteSpace(file) ? null : file;
        _fileWrittenAt = File is null ? default : System.IO.File.GetLastWriteTimeUtc(File);
    }

    /// <summary>The world file this world was read from, or null (the built-in default, a fleet).</summary>
    public string? File { get; }

    public World Current { get; private set; }

    /// <summary>Raised with the new world after the file changed and was read again.</summary>
    public event Func<World, CancellationToken, Task>? Changed;

    /// <summary>
    /// Reads the file again if it was written since it was last read; true when the world changed.
    /// Throws <see cref="WorldFileException"/> for a file that is now invalid (the world stays as it was).
    /// </summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        World next;
        lock (_gate)
        {
            if (File is null || System.IO.File.GetLastWriteTimeUtc(File) is var writtenAt && writtenAt == _fileWrittenAt)
            {
                return false;
            }

            _fileWrittenAt = writtenAt;
            next = WorldLoader.LoadFile(File);
            if (WorldLoader.ToJson(next) == WorldLoader.ToJson(Current))
            {
                return false;
            }

            Current = next;
        }

        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<World, CancellationToken, Task>>())
            {
                await handler(next, cancellationToken);
            }
        }

        return true;
    }

    private static bool IsFleet(IConfiguration configuration) =>
        int.TryParse(configuration[WorldLoader.FleetHomesKey], out var homes) && homes > 0;
}
