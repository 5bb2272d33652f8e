namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>What a person's tool may do on a home's LAN broker (docs/protocols.md, "Roles on the LAN broker").</summary>
public enum LanRole
{
    /// <summary>Reads the home's topics and its devices' Home Assistant discovery; publishes nothing.</summary>
    Observer,

    /// <summary>An observer that may also command the home's devices through their <c>set</c> topics (Home Assistant).</summary>
    Integrator,
}

/// <summary>A role user of one home.</summary>
public sealed record LanRoleUser(LanRole Role, string HomeId);

/// <summary>
/// The role users of every home and their passwords: <c>observer</c> and <c>homeassistant</c> for the story's home
/// (the password is the AppHost parameter itself), <c>observer@{homeId}</c> and <c>homeassistant@{homeId}</c> for
/// every other home of a fleet, with a password derived from the parameter like every other per-home secret
/// (<see cref="WorldSecrets"/>). The gateway's embedded broker and the AppHost's mosquitto files are both made
/// from this one place.
/// </summary>
public static class LanRoles
{
    public const string ObserverUser = "observer";
    public const string IntegratorUser = "homeassistant";

    public static string UserName(this World world, LanRole role, string homeId) =>
        world.IsStoryHome(homeId) ? BaseName(role) : $"{BaseName(role)}@{homeId}";

    /// <summary>The role user's password: the parameter for the story's home, else derived from it.</summary>
    public static string Password(World world, LanRole role, string homeId, string parameter) =>
        world.IsStoryHome(homeId) ? parameter : WorldSecrets.Derive(parameter, $"mqtt-{BaseName(role)}", homeId);

    /// <summary>Every home's user of <paramref name="role"/>; none when the parameter is empty (the role is off).</summary>
    public static IEnumerable<(string UserName, LanRoleUser User, string Password)> Users(World world, LanRole role, string? parameter)
    {
        if (string.IsNullOrEmpty(parameter))
        {
            yield break;
        }

        foreach (var home in world.Homes)
        {
            yield return (world.UserName(role, home.Id), new LanRoleUser(role, home.Id), Password(world, role, home.Id, parameter));
        }
    }

    private static string BaseName(LanRole role) => role == LanRole.Observer ? ObserverUser : IntegratorUser;
}
