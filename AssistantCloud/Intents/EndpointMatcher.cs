using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// Finds the endpoint a spoken name means among the person's discovered endpoints, trying from the
/// strictest reading to the loosest: the friendly name as said ("the" and case aside); the name with
/// lamp and light as one word ("bedroom light"); "the light" or "lights" for the home's one light; a
/// part of one name ("the lamp", "bedroom"). The first reading that finds any endpoint decides.
/// </summary>
public static class EndpointMatcher
{
    private const string LightCategory = "LIGHT";

    /// <summary>The one endpoint <paramref name="spokenName"/> means, or null (unknown or ambiguous).</summary>
    public static DiscoveredEndpoint? Match(string spokenName, IEnumerable<DiscoveredEndpoint> endpoints) =>
        Resolve(spokenName, endpoints).Endpoint;

    /// <summary>Every endpoint <paramref name="spokenName"/> could mean, by the strictest reading that finds one.</summary>
    public static EndpointMatch Resolve(string spokenName, IEnumerable<DiscoveredEndpoint> endpoints)
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

        return Found(named.Where(n => n.Literal.SequenceEqual(literal)))
            ?? Found(named.Where(n => n.Canonical.SequenceEqual(canonical)))
            ?? (onlyLightWords ? Found(named.Where(n => IsLight(n.Endpoint, n.Canonical))) : null)
            ?? Found(named.Where(n => canonical.All(n.Canonical.Contains)))
            ?? EndpointMatch.None;
    }

    private static EndpointMatch? Found(IEnumerable<(DiscoveredEndpoint Endpoint, IReadOnlyList<string> Literal, IReadOnlyList<string> Canonical)> matches)
    {
        var endpoints = matches.Select(m => m.Endpoint).ToList();
        return endpoints.Count == 0 ? null : new EndpointMatch(endpoints);
    }

    private static bool IsLight(DiscoveredEndpoint endpoint, IReadOnlyList<string> canonicalName) =>
        endpoint.DisplayCategories.Contains(LightCategory, StringComparer.OrdinalIgnoreCase)
        || canonicalName.Any(DeviceWords.IsLightWord);
}
