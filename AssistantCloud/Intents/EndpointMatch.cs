using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// The endpoints a spoken device name can mean: one is the device, none is an unknown name, more than
/// one is an ambiguous name the person has to narrow down.
/// </summary>
public sealed record EndpointMatch(IReadOnlyList<DiscoveredEndpoint> Candidates)
{
    public static EndpointMatch None { get; } = new([]);

    /// <summary>The endpoint meant, when the name means exactly one.</summary>
    public DiscoveredEndpoint? Endpoint => Candidates is [var only] ? only : null;

    public bool IsAmbiguous => Candidates.Count > 1;
}
