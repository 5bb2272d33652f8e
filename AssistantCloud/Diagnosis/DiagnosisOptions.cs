using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>`Diagnosis:*`: where the home gateway answers on the home network (its `http` endpoint).</summary>
public sealed class DiagnosisOptions
{
    public const string SectionName = "Diagnosis";

    public string? GatewayUrl { get; set; }

    /// <summary>
    /// With sharded simulators (docs/scale.md): each gateway shard's address, shard k at index k; a home's gateway is
    /// the one of its shard (<c>SimulatorShards.ShardOf</c>). Empty: every home's gateway is <see cref="GatewayUrl"/>.
    /// </summary>
    public IList<string> GatewayUrls { get; } = [];

    /// <summary>Where <paramref name="homeId"/>'s gateway answers (the story's, shard 0's, when no home is named).</summary>
    public string? GatewayUrlOf(string? homeId) => GatewayUrls.Count switch
    {
        0 => GatewayUrl,
        var shards => GatewayUrls[homeId is null ? 0 : SimulatorShards.ShardOf(homeId, shards)],
    };
}
