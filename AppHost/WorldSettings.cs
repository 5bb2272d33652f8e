using Microsoft.Extensions.Configuration;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AppHost;

/// <summary>
/// The world this run declares, read once at build time: the world file named by the parameter
/// <c>world</c> (a file under <c>AppHost/worlds/</c> or a path), or the fleet of <c>fleet-homes</c>
/// homes. The AppHost validates it here, so a bad file stops the start with the loader's message;
/// the services get the same source (<see cref="ServiceConfiguration"/>) and load it through the same
/// loader. The story's names (the first person, home and device) are what the dashboard commands use.
/// </summary>
internal sealed record WorldSettings(World World, string? File, int FleetHomes, string AssistantClientId)
{
    public const string WorldParameter = "world";
    public const string FleetHomesParameter = "fleet-homes";
    public const string DefaultWorldName = "default";

    public string HomeId => World.StoryHome.Id;

    public string DeviceId => World.StoryDevice.Id;

    public string DeviceName => World.StoryDevice.Name;

    public string OwnerEmail => World.StoryAccount.Email;

    public string AssistantUser => World.StoryPerson.Id;

    /// <summary>The configuration each service gets (as environment variables) to load the same world.</summary>
    public IEnumerable<KeyValuePair<string, string>> ServiceConfiguration()
    {
        if (File is not null)
        {
            yield return KeyValuePair.Create(WorldLoader.FileKey.Replace(":", "__", StringComparison.Ordinal), File);
        }

        yield return KeyValuePair.Create(WorldLoader.FleetHomesKey.Replace(":", "__", StringComparison.Ordinal), FleetHomes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A world of many people (a fleet) is linked at start-up by the assistant's seeding, which signs every
    /// person in from the assistant's one address: the vendor's per-address request limits for the sign-in
    /// form and the token endpoint get a burst and a rate as large as the world, else seeding a thousand homes
    /// would wait out the limits for a quarter of an hour. Wrong-password throttles are left as they are. A small
    /// world keeps the vendor's defaults.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> VendorThrottlingForSeeding()
    {
        const int defaultsSuffice = 30;
        var people = World.People.Count;
        if (people > defaultsSuffice)
        {
            yield return KeyValuePair.Create("Throttling__SignInRequestBurst", (people + 60).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return KeyValuePair.Create("Throttling__TokenRequestBurst", (2 * people + 600).ToString(System.Globalization.CultureInfo.InvariantCulture));
            // After the burst, the rates too: the one address stands for every person's assistant, and a day of a
            // fleet (the policy study) refreshes most people's links within seconds.
            yield return KeyValuePair.Create("Throttling__SignInRequestsPerMinute", (people + 60).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return KeyValuePair.Create("Throttling__TokenRequestsPerSecond", (people + 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static WorldSettings From(IConfiguration configuration, string appHostDirectory)
    {
        var name = configuration[$"Parameters:{WorldParameter}"] is { Length: > 0 } configured ? configured.Trim() : DefaultWorldName;
        var fleetText = configuration[$"Parameters:{FleetHomesParameter}"] is { Length: > 0 } fleet ? fleet.Trim() : "0";
        if (!int.TryParse(fleetText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fleetHomes)
            || fleetHomes > FleetGenerator.MaximumHomes)
        {
            throw new WorldFileException($"The parameter '{FleetHomesParameter}' must be a whole number from 0 to {FleetGenerator.MaximumHomes}, not '{fleetText}'.");
        }

        if (fleetHomes > 0 && name != DefaultWorldName)
        {
            throw new WorldFileException($"Choose a world file ('{WorldParameter}={name}') or a fleet ('{FleetHomesParameter}={fleetHomes}'), not both: the fleet is a world of its own.");
        }

        var file = fleetHomes > 0 ? null : Resolve(name, appHostDirectory);
        var world = fleetHomes > 0 ? FleetGenerator.Generate(fleetHomes) : WorldLoader.LoadFile(file!);
        return new WorldSettings(world, file, fleetHomes, configuration["World:AssistantClientId"] ?? "assistant");
    }

    /// <summary>A bare name is a file shipped under <c>AppHost/worlds/</c>; anything with a directory or <c>.json</c> is a path.</summary>
    public static string Resolve(string name, string appHostDirectory)
    {
        var isPath = name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (isPath)
        {
            return Path.GetFullPath(name);
        }

        var shipped = Path.Combine(appHostDirectory, "worlds", $"{name}.json");
        if (!System.IO.File.Exists(shipped))
        {
            var known = Directory.EnumerateFiles(Path.Combine(appHostDirectory, "worlds"), "*.json")
                .Select(Path.GetFileName)
                .Where(f => !f!.EndsWith(".schema.json", StringComparison.Ordinal))
                .Select(f => Path.GetFileNameWithoutExtension(f!))
                .Order(StringComparer.Ordinal);
            throw new WorldFileException($"There is no world '{name}' under AppHost/worlds/ (shipped: {string.Join(", ", known)}); give a name or a path to a world file.");
        }

        return shipped;
    }
}
