using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>Finds the endpoint a spoken name means among the person's discovered endpoints.</summary>
public static class EndpointMatcher
{
    /// <summary>Case-insensitive, "the" optional on either side; null when nothing matches.</summary>
    public static DiscoveredEndpoint? Match(string spokenName, IEnumerable<DiscoveredEndpoint> endpoints)
    {
        var wanted = IntentParser.NormalizeDeviceName(spokenName);
        return endpoints.FirstOrDefault(e => IntentParser.NormalizeDeviceName(e.FriendlyName) == wanted);
    }
}
