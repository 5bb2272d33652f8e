using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// The endpoints a spoken device name can mean: one is the device, none is an unknown name, more than
/// one is an ambiguous name the person has to narrow down, unless the name is a group ("the lights",
/// a room): then every one of them is meant.
/// </summary>
public sealed record EndpointMatch(IReadOnlyList<DiscoveredEndpoint> Candidates, bool IsGroup = false)
{
    public static EndpointMatch None { get; } = new([]);

    /// <summary>The endpoint meant, when the name means exactly one.</summary>
    public DiscoveredEndpoint? Endpoint => Candidates is [var only] ? only : null;

    public bool IsAmbiguous => !IsGroup && Candidates.Count > 1;

    /// <summary>A group of several endpoints, each to get the command.</summary>
    public bool IsSeveral => IsGroup && Candidates.Count > 1;
}
