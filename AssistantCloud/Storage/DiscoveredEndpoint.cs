namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// A device the vendor reported in Discover.Response (or an AddOrUpdateReport), as the assistant keeps it.
/// <see cref="ProactivelyReported"/>: the properties the skill promised to report on every change
/// ("Alexa.PowerController.powerState"), which the assistant then answers questions about from the last report.
/// </summary>
public sealed record DiscoveredEndpoint(
    string EndpointId,
    string FriendlyName,
    IReadOnlyList<string> DisplayCategories,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string> Cookie,
    IReadOnlyList<string>? ProactivelyReported = null)
{
    public bool Reports(string @interface, string property) =>
        ProactivelyReported?.Contains($"{@interface}.{property}", StringComparer.Ordinal) == true;
}
