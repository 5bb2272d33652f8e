using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

/// <summary>A world file edited while the app runs: read again, told to the services; a bad edit is not taken.</summary>
public sealed class WorldSourceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"world-{Guid.NewGuid():N}.json");

    public WorldSourceTests() => File.Copy(ShippedWorlds.PathOf("default"), _file);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task A_device_added_to_the_file_is_in_the_world_after_a_reload_and_the_services_are_told()
    {
        var source = new WorldSource(WorldLoader.LoadFile(_file), _file);
        World? told = null;
        source.Changed += (world, _) =>
        {
            told = world;
            return Task.CompletedTask;
        };

        Assert.False(await source.ReloadIfChangedAsync(CancellationToken.None));
        Write(File.ReadAllText(_file).Replace(
            "\"minimumLevel\": 10 }",
            "\"minimumLevel\": 10 },\n        { \"id\": \"lamp-2\", \"name\": \"reading lamp\", \"room\": \"bedroom\", \"kind\": \"dimmable-lamp\" }",
            StringComparison.Ordinal));

        Assert.True(await source.ReloadIfChangedAsync(CancellationToken.None));
        Assert.NotNull(source.Current.StoryHome.FindDevice("lamp-2"));
        Assert.Same(source.Current, told);
    }

    [Fact]
    public async Task A_bad_edit_is_refused_with_the_loaders_message_and_the_world_stays()
    {
        var source = new WorldSource(WorldLoader.LoadFile(_file), _file);
        var before = source.Current;

        Write(File.ReadAllText(_file).Replace("dimmable-plug", "toaster", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<WorldFileException>(() => source.ReloadIfChangedAsync(CancellationToken.None));
        Assert.Contains("$.homes[0].devices[0].kind", error.Message, StringComparison.Ordinal);
        Assert.Same(before, source.Current);
    }

    [Fact]
    public async Task A_world_without_a_file_never_reloads()
    {
        var source = new WorldSource(World.Default);

        Assert.Null(source.File);
        Assert.False(await source.ReloadIfChangedAsync(CancellationToken.None));
    }

    private void Write(string text)
    {
        File.WriteAllText(_file, text);
        // File systems keep write times coarsely; make the change visible whatever the clock's grain.
        File.SetLastWriteTimeUtc(_file, File.GetLastWriteTimeUtc(_file).AddSeconds(2));
    }
}
