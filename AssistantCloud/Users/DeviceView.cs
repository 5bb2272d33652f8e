using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>
/// A device as the person's app lists it (`GET /api/users/{user}/devices`): its last known state, when it was
/// reported and how (ChangeReport, StateReport or Response); null state when nothing was ever reported.
/// </summary>
public sealed record DeviceView(
    string EndpointId,
    string FriendlyName,
    IReadOnlyList<string> DisplayCategories,
    IReadOnlyList<string> ProactivelyReported,
    DeviceState? State,
    DateTimeOffset? ReportedAt,
    string? ReportedBy,
    IReadOnlyList<string>? Capabilities = null)
{
    /// <summary>Whether it takes a brightness (the app shows a slider).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDimmable => Capabilities?.Contains("Alexa.BrightnessController", StringComparer.Ordinal) == true;

    public static DeviceView From(DiscoveredEndpoint endpoint, KnownState? known) => new(
        endpoint.EndpointId,
        endpoint.FriendlyName,
        endpoint.DisplayCategories,
        endpoint.ProactivelyReported ?? [],
        known?.AsDeviceState,
        known?.ReportedAt,
        known?.Source,
        endpoint.Capabilities);

    /// <summary>Every discovered device of <paramref name="user"/>, with its last known state when there is a state store.</summary>
    public static async Task<IReadOnlyList<DeviceView>> ListAsync(
        IAssistantStore store, IEndpointStateStore? states, string user, CancellationToken cancellationToken)
    {
        var devices = new List<DeviceView>();
        foreach (var skill in Skills.All)
        {
            var endpoints = await store.GetEndpointsAsync(user, skill, cancellationToken);
            var known = states is null ? [] : await states.GetManyAsync(user, skill, [.. endpoints.Select(e => e.EndpointId)], cancellationToken);
            devices.AddRange(endpoints.Select((endpoint, index) => From(endpoint, index < known.Count ? known[index] : null)));
        }

        return devices;
    }
}
