using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// Finds the endpoints a spoken name means among the person's discovered endpoints, trying from the
/// strictest reading to the loosest: the friendly name as said ("the" and case aside); the name with
/// lamp and light as one word ("bedroom light"); "lights" (plural, "all" aside) for every light of the
/// home, "the light" for its one light; a room of the person's ("the bedroom", "the bedroom lights"):
/// every device, or every light, in it; a part of one name ("the lamp", "bedroom"). The first reading
/// that finds any endpoint decides.
/// </summary>
public static class EndpointMatcher
{
    private const string LightCategory = "LIGHT";

    private static readonly HashSet<string> PluralLightWords = ["lights", "lamps"];

    /// <summary>The one endpoint <paramref name="spokenName"/> means, or null (unknown, ambiguous or a group).</summary>
    public static DiscoveredEndpoint? Match(string spokenName, IEnumerable<DiscoveredEndpoint> endpoints) =>
        Resolve(spokenName, endpoints).Endpoint;

    /// <summary>
    /// Every endpoint <paramref name="spokenName"/> could mean, by the strictest reading that finds one.
    /// <paramref name="roomOf"/> gives an endpoint's room, as the person grouped it (null: no rooms).
    /// </summary>
    public static EndpointMatch Resolve(string spokenName, IEnumerable<DiscoveredEndpoint> endpoints,
        Func<DiscoveredEndpoint, string?>? roomOf = null)
    {
        var literal = DeviceWords.Literal(spokenName);
        var canonical = DeviceWords.Canonical(spokenName);
        if (canonical.Count == 0)
        {
            return EndpointMatch.None;
        }

        var named = endpoints
            .Select(e => (Endpoint: e, Literal: DeviceWords.Literal(e.FriendlyName), Canonical: DeviceWords.Canonical(e.FriendlyName)))
            .ToList();
        var onlyLightWords = literal.All(DeviceWords.IsLightWord);
        var plural = literal.Any(PluralLightWords.Contains);

        var inRoom = roomOf is null ? null : InRoom(canonical, named.Select(n => (n.Endpoint, n.Canonical)), roomOf);
        return Found(named.Where(n => n.Literal.SequenceEqual(literal)))
            // "the bedroom lights" (plural) are the room's lights, even if one of them is the "bedroom lamp".
            ?? (plural ? inRoom : null)
            ?? Found(named.Where(n => n.Canonical.SequenceEqual(canonical)))
            ?? (onlyLightWords ? Found(named.Where(n => IsLight(n.Endpoint, n.Canonical)), isGroup: plural) : null)
            ?? inRoom
            ?? Found(named.Where(n => canonical.All(n.Canonical.Contains)))
            ?? EndpointMatch.None;
    }

    /// <summary>"bedroom": every device in the bedroom; "bedroom lights": every light in it.</summary>
    private static EndpointMatch? InRoom(IReadOnlyList<string> canonical, IEnumerable<(DiscoveredEndpoint Endpoint, IReadOnlyList<string> Canonical)> named,
        Func<DiscoveredEndpoint, string?> roomOf)
    {
        var lightsOnly = canonical.Count > 1 && DeviceWords.IsLightWord(canonical[^1]);
        var room = lightsOnly ? canonical.Take(canonical.Count - 1).ToList() : canonical;
        var inRoom = named
            .Where(n => roomOf(n.Endpoint) is { } r && DeviceWords.Canonical(r).SequenceEqual(room))
            .Where(n => !lightsOnly || IsLight(n.Endpoint, n.Canonical))
            .Select(n => n.Endpoint)
            .ToList();
        return inRoom.Count == 0 ? null : new EndpointMatch(inRoom, IsGroup: true);
    }

    private static EndpointMatch? Found(IEnumerable<(DiscoveredEndpoint Endpoint, IReadOnlyList<string> Literal, IReadOnlyList<string> Canonical)> matches,
        bool isGroup = false)
    {
        var endpoints = matches.Select(m => m.Endpoint).ToList();
        return endpoints.Count == 0 ? null : new EndpointMatch(endpoints, isGroup);
    }

    private static bool IsLight(DiscoveredEndpoint endpoint, IReadOnlyList<string> canonicalName) =>
        endpoint.DisplayCategories.Contains(LightCategory, StringComparer.OrdinalIgnoreCase)
        || canonicalName.Any(DeviceWords.IsLightWord);
}
