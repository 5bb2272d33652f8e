namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The rules a schema cannot say: ids unique where they must be, every email referred to declared, a
/// minimum level only on what dims. Each problem is a JSON path (as <c>$.homes[0].devices[1].id</c>)
/// and a sentence.
/// </summary>
internal static class WorldRules
{
    public static IEnumerable<(string Path, string Problem)> Check(World world)
    {
        var accounts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < world.VendorAccounts.Count; i++)
        {
            if (!accounts.Add(world.VendorAccounts[i].Email.Trim()))
            {
                yield return ($"$.vendorAccounts[{i}].email", $"the account '{world.VendorAccounts[i].Email}' is declared twice");
            }
        }

        var people = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < world.People.Count; i++)
        {
            var person = world.People[i];
            if (!people.Add(person.Id))
            {
                yield return ($"$.people[{i}].id", $"the person '{person.Id}' is declared twice");
            }

            if (person.VendorAccount is { } email && !accounts.Contains(email.Trim()))
            {
                yield return ($"$.people[{i}].vendorAccount", $"'{email}' is not one of the vendorAccounts");
            }
        }

        var homes = new HashSet<string>(StringComparer.Ordinal);
        var endpointsPerAccount = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        for (var h = 0; h < world.Homes.Count; h++)
        {
            var home = world.Homes[h];
            if (!homes.Add(home.Id))
            {
                yield return ($"$.homes[{h}].id", $"the home '{home.Id}' is declared twice");
            }

            if (!accounts.Contains(home.Account.Trim()))
            {
                yield return ($"$.homes[{h}].account", $"'{home.Account}' is not one of the vendorAccounts");
            }

            var accountEndpoints = endpointsPerAccount.TryGetValue(home.Account.Trim(), out var known)
                ? known
                : endpointsPerAccount[home.Account.Trim()] = new HashSet<string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var d = 0; d < home.Devices.Count; d++)
            {
                var device = home.Devices[d];
                var path = $"$.homes[{h}].devices[{d}]";
                if (!accountEndpoints.Add(device.Id))
                {
                    yield return ($"{path}.id",
                        $"the device id '{device.Id}' is used twice in the homes of '{home.Account}' (it is the account's endpoint id, so it must be unique in the account)");
                }

                if (!names.Add(device.Name.Trim()))
                {
                    yield return ($"{path}.name", $"the name '{device.Name}' is used twice in the home '{home.Id}'");
                }

                if (device.DeclaredMinimumLevel is not null && !device.Kind.IsDimmable())
                {
                    yield return ($"{path}.minimumLevel", $"a minimumLevel is only for a dimmable kind, and this device is '{device.Kind.ToWorldName()}'");
                }
            }
        }
    }
}
