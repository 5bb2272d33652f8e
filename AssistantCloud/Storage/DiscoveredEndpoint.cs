namespace SmartHome.AssistantCloud.Storage;

/// <summary>A device the vendor reported in Discover.Response, as the assistant keeps it.</summary>
public sealed record DiscoveredEndpoint(
    string EndpointId,
    string FriendlyName,
    IReadOnlyList<string> DisplayCategories,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string> Cookie);
