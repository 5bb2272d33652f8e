namespace SmartHome.ServiceDefaults.Tests.Worlds;

/// <summary>The world files under AppHost/worlds/, copied beside the tests.</summary>
internal static class ShippedWorlds
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "worlds");

    public static string PathOf(string name) => Path.Combine(Directory, $"{name}.json");

    public static IEnumerable<string> WorldFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal));
}
