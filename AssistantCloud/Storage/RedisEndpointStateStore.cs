using System.Globalization;
using SmartHome.AssistantCloud.Alexa;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// <see cref="IEndpointStateStore"/> as one Redis hash per endpoint,
/// `assistant:users:{user}:states:skill:endpointId` (the user in braces is the hash tag, so that forgetting several
/// endpoints is one DEL in one cluster slot; powerState, brightness, connectivity, reportedAt,
/// source): HSET of the reported fields only is the merge, atomic without a read.
/// </summary>
internal sealed class RedisEndpointStateStore(IConnectionMultiplexer redis) : IEndpointStateStore
{
    private IDatabase Database => redis.GetDatabase();

    public async Task<KnownState?> GetAsync(string user, string skill, string endpointId, CancellationToken cancellationToken) =>
        (await GetManyAsync(user, skill, [endpointId], cancellationToken))[0];

    public async Task<IReadOnlyList<KnownState?>> GetManyAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = Database.CreateBatch();
        var reads = endpointIds.Select(id => batch.HashGetAllAsync(Key(user, skill, id))).ToList();
        batch.Execute();
        await Task.WhenAll(reads);
        return [.. reads.Select(read => Read(read.Result))];
    }

    public async Task UpdateAsync(string user, string skill, string endpointId, DeviceState reported, DateTimeOffset reportedAt, string source,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fields = new List<HashEntry>
        {
            new("reportedAt", reportedAt.ToString("O", CultureInfo.InvariantCulture)),
            new("source", source),
        };
        if (reported.PowerState is { } power)
        {
            fields.Add(new("powerState", power));
        }

        if (reported.Brightness is { } brightness)
        {
            fields.Add(new("brightness", brightness));
        }

        if (reported.Connectivity is { } connectivity)
        {
            fields.Add(new("connectivity", connectivity));
        }

        await Database.HashSetAsync(Key(user, skill, endpointId), [.. fields]);
    }

    public async Task ForgetAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.KeyDeleteAsync([.. endpointIds.Select(id => Key(user, skill, id))]);
    }

    private static KnownState? Read(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value);
        string? Text(string name) => fields.TryGetValue(name, out var value) && !value.IsNullOrEmpty ? value.ToString() : null;
        return new KnownState(
            Text("powerState"),
            Text("brightness") is { } b && int.TryParse(b, CultureInfo.InvariantCulture, out var level) ? level : null,
            Text("connectivity"),
            Text("reportedAt") is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? when : null,
            Text("source"));
    }

    private static RedisKey Key(string user, string skill, string endpointId) => $"{RedisAssistantStore.UserPrefix(user)}states:{skill}:{endpointId}";
}
