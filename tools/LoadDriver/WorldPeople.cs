using System.Globalization;

namespace SmartHome.LoadDriver;

/// <summary>
/// The people the driver speaks as. The fleet's convention (issue 11): home 1 is the story's home of person
/// <c>owner</c>; home n >= 2 belongs to person <c>user-n</c>; each has one dimmable plug, "bedroom lamp".
/// </summary>
public static class WorldPeople
{
    public const string DefaultDevice = "bedroom lamp";

    public static IReadOnlyList<Person> Fleet(int homes, string device = DefaultDevice)
    {
        if (homes < 1)
        {
            throw new OptionException("--fleet needs at least one home.");
        }

        var people = new List<Person>(homes) { new("owner", "home-1", device) };
        for (var n = 2; n <= homes; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            people.Add(new Person($"user-{number}", $"home-{number}", device));
        }

        return people;
    }

    /// <summary>Named people: <c>owner</c> lives in home-1, <c>user-n</c> in home-n, anyone else in home-(position+1).</summary>
    public static IReadOnlyList<Person> Named(IEnumerable<string> users, string device = DefaultDevice) =>
        users.Select((user, index) => new Person(user, HomeOf(user, index), device)).ToList();

    private static string HomeOf(string user, int index)
    {
        if (user == "owner")
        {
            return "home-1";
        }

        return user.StartsWith("user-", StringComparison.Ordinal)
            && int.TryParse(user.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2
            ? $"home-{n.ToString(CultureInfo.InvariantCulture)}"
            : $"home-{(index + 1).ToString(CultureInfo.InvariantCulture)}";
    }
}
