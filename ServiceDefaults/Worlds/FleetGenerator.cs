namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The fleet rule (AppHost parameter <c>fleet-homes</c> = N &gt; 0): homes <c>home-1</c> .. <c>home-N</c>.
/// Home 1 is the story's home exactly as in the default world (person <c>owner</c>, account
/// <c>owner@example.com</c>, the bedroom lamp <c>plug-1</c>); home n &gt;= 2 belongs to person
/// <c>user-n</c> with vendor account <c>user-n@example.com</c>, linked at seeding, and has one dimmable
/// plug <c>plug-1</c> named "bedroom lamp" in the bedroom.
/// </summary>
public static class FleetGenerator
{
    /// <summary>The largest fleet accepted (a guard against a typo, not a measured limit).</summary>
    public const int MaximumHomes = 100_000;

    public static World Generate(int homes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(homes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(homes, MaximumHomes);
        var story = World.Default;
        var people = new List<WorldPerson>(homes) { story.People[0] };
        var accounts = new List<WorldAccount>(homes) { story.VendorAccounts[0] };
        var worldHomes = new List<WorldHome>(homes) { story.Homes[0] };
        for (var n = 2; n <= homes; n++)
        {
            var email = $"user-{n}@example.com";
            people.Add(new WorldPerson($"user-{n}", email));
            accounts.Add(new WorldAccount(email));
            worldHomes.Add(new WorldHome($"home-{n}", email,
                [new WorldDevice("plug-1", "bedroom lamp", "bedroom", DeviceKind.DimmablePlug, WorldDevice.DefaultMinimumLevel)],
                WorldGateway.Default));
        }

        return new World(people, accounts, worldHomes, $"fleet-{homes}");
    }
}
