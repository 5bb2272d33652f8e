using SmartHome.AssistantCloud.Intents;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// Which home's gateway the diagnosis asks, as the maker's app on the person's phone at home would: one
/// of the homes of the person's own vendor account in the world, the one with a device of that name or
/// id if there is one. Known before the store answers, so the gateway is asked alongside it.
/// </summary>
internal sealed class PersonHomes(WorldSource world)
{
    /// <summary>The person's home for <paramref name="device"/>, or null for someone the world does not declare.</summary>
    public string? HomeOf(string user, string device)
    {
        var current = world.Current;
        if (current.FindPerson(user)?.VendorAccount is not { } email)
        {
            return null;
        }

        var homes = current.HomesOf(email).ToList();
        // Matched as utterances are: "the" and case do not matter.
        var spoken = DeviceWords.Canonical(device);
        var withDevice = homes.FirstOrDefault(h => h.Devices.Any(d =>
            d.Id == device.Trim() || DeviceWords.Canonical(d.Name).SequenceEqual(spoken)));
        return (withDevice ?? homes.FirstOrDefault())?.Id;
    }
}
