using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>
/// The rooms a person has put their devices in (Alexa's groups, made in its app; here declared in the
/// world file): only the devices of the homes of the person's own vendor account, matched to the
/// person's discovered endpoints by endpoint id and the home in the endpoint's cookie.
/// </summary>
internal sealed class PersonRooms(WorldSource world)
{
    private static readonly Func<DiscoveredEndpoint, string?> NoRooms = _ => null;

    public Func<DiscoveredEndpoint, string?> For(string user)
    {
        var current = world.Current;
        if (current.FindPerson(user)?.VendorAccount is not { } email)
        {
            return NoRooms;
        }

        var homes = current.HomesOf(email).ToList();
        return endpoint =>
        {
            var home = endpoint.Cookie.TryGetValue("homeId", out var homeId) ? homes.FirstOrDefault(h => h.Id == homeId) : null;
            var device = home?.FindDevice(endpoint.EndpointId)
                ?? homes.Select(h => h.FindDevice(endpoint.EndpointId)).FirstOrDefault(d => d is not null);
            return device?.Room;
        };
    }
}
