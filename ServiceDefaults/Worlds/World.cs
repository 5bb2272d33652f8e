using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The declared world: the people who talk to the assistant, the vendor's accounts, and the homes with
/// their devices. Loaded from a world file (<see cref="WorldLoader"/>) or generated as a fleet
/// (<see cref="FleetGenerator"/>); every service reads the same one. The first account, home and device
/// are the story's: they keep the AppHost's secret parameters as they are (<see cref="WorldSecrets"/>).
/// </summary>
public sealed record World(
    IReadOnlyList<WorldPerson> People,
    IReadOnlyList<WorldAccount> VendorAccounts,
    IReadOnlyList<WorldHome> Homes,
    string? Name = null)
{
    /// <summary>Today's world, the one <c>AppHost/worlds/default.json</c> declares: owner, one home, the bedroom lamp.</summary>
    public static World Default { get; } = new(
        People: [new WorldPerson("owner", "owner@example.com")],
        VendorAccounts: [new WorldAccount("owner@example.com")],
        Homes:
        [
            new WorldHome("home-1", "owner@example.com",
                [new WorldDevice("plug-1", "bedroom lamp", "bedroom", DeviceKind.DimmablePlug, WorldDevice.DefaultMinimumLevel)],
                WorldGateway.Default),
        ],
        Name: "default");

    /// <summary>The story's account: the first one declared.</summary>
    [JsonIgnore]
    public WorldAccount StoryAccount => VendorAccounts[0];

    /// <summary>The story's home: the first one declared.</summary>
    [JsonIgnore]
    public WorldHome StoryHome => Homes[0];

    /// <summary>The story's device: the first device of the first home.</summary>
    [JsonIgnore]
    public WorldDevice StoryDevice => StoryHome.Devices[0];

    /// <summary>The story's person: the first one linked to the story's account, else the first one.</summary>
    [JsonIgnore]
    public WorldPerson StoryPerson =>
        People.FirstOrDefault(p => SameEmail(p.VendorAccount, StoryAccount.Email)) ?? People[0];

    public WorldHome? FindHome(string homeId) => Homes.FirstOrDefault(h => h.Id == homeId);

    public WorldPerson? FindPerson(string personId) => People.FirstOrDefault(p => p.Id == personId);

    public WorldAccount? FindAccount(string email) => VendorAccounts.FirstOrDefault(a => SameEmail(a.Email, email));

    /// <summary>The homes of one vendor account, in declaration order.</summary>
    public IEnumerable<WorldHome> HomesOf(string email) => Homes.Where(h => SameEmail(h.Account, email));

    /// <summary>Whether <paramref name="email"/> is the story's account (its password is <c>owner-password</c> itself).</summary>
    public bool IsStoryAccount(string email) => SameEmail(email, StoryAccount.Email);

    public bool IsStoryHome(string homeId) => homeId == StoryHome.Id;

    public bool IsStoryDevice(string homeId, string deviceId) => IsStoryHome(homeId) && deviceId == StoryDevice.Id;

    /// <summary>Emails compare without case, as the vendor's sign-in does.</summary>
    public static bool SameEmail(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
