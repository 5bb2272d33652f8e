namespace SmartHome.AssistantCloud.Linking;

/// <summary>How a Discovery went: the number of endpoints kept, or why there are none.</summary>
public sealed record DiscoveryResult(bool Succeeded, int EndpointCount, string? Problem)
{
    public static DiscoveryResult Failed(string problem) => new(false, 0, problem);
}
