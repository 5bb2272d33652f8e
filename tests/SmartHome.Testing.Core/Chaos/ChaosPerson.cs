namespace SmartHome.Testing.Chaos;

/// <summary>A person of the world who speaks to one of their devices: <see cref="DeviceName"/> in <see cref="Home"/>.</summary>
public sealed record ChaosPerson(string User, string Home, string Device, string DeviceName)
{
    /// <summary>The people of a world: the owner in the default one; the owner and Alice in <c>two-lamps</c>; the first homes' people of a fleet.</summary>
    public static IReadOnlyList<ChaosPerson> Of(SmartHomeWorldOptions options)
    {
        ChaosPerson owner = new("owner", "home-1", "plug-1", "bedroom lamp");
        if (options.FleetHomes > 1)
        {
            return [owner, .. Enumerable.Range(2, Math.Min(options.FleetHomes, 4) - 1).Select(n => new ChaosPerson($"user-{n}", $"home-{n}", "plug-1", "bedroom lamp"))];
        }

        return options.World == "two-lamps"
            ? [owner, new("owner", "home-1", "lamp-2", "reading lamp"), new("alice", "home-2", "lamp-1", "living room lamp")]
            : [owner];
    }
}
