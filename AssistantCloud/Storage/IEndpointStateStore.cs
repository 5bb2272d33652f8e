using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>The last known state of each endpoint of a user, per skill; properties not reported keep their last value.</summary>
public interface IEndpointStateStore
{
    Task<KnownState?> GetAsync(string user, string skill, string endpointId, CancellationToken cancellationToken);

    /// <summary>The states of <paramref name="endpointIds"/> (null for one never reported), in that order.</summary>
    Task<IReadOnlyList<KnownState?>> GetManyAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken);

    /// <summary>Merges the reported properties (those not null) into the endpoint's state.</summary>
    Task UpdateAsync(string user, string skill, string endpointId, DeviceState reported, DateTimeOffset reportedAt, string source, CancellationToken cancellationToken);

    Task ForgetAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken);
}
