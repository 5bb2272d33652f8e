using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Connections of their own for conditional transactions (<c>WATCH</c>, the conditions' reads, then <c>MULTI</c>/<c>EXEC</c>
/// or <c>UNWATCH</c>). StackExchange.Redis cannot choose between EXEC and UNWATCH before the conditions' answers are
/// back, so it holds the connection's writes for that round trip (its documentation: the check "will (very briefly)
/// block the connection"). On the process's one shared connection every other command waits behind each such
/// transaction: with a refresh's two of them (the vendor's grant, the assistant's link) the shared connection was the
/// bottleneck of a busy world while the cores stood a quarter idle (docs/policy-study.md, "Fifth round").
/// <para>
/// Each lane is a multiplexer of the same connection string as the main one (same servers, password, cluster), taken in
/// turn; a lane not (yet) connected is skipped, and with none the main connection is used, as before. Plain commands
/// stay on the main connection. A transaction's own commands all go through its lane, so its WATCH means what it says;
/// whatever a caller awaited before the transaction has been answered, so it is applied before the transaction starts.
/// </para>
/// </summary>
public sealed class RedisTransactionLanes
{
    /// <summary>The setting: how many lanes (0: every transaction on the main connection).</summary>
    public const string CountKey = "Redis:TransactionLanes";

    public const int DefaultCount = 4;

    public const int MaxCount = 32;

    private readonly IConnectionMultiplexer _main;
    private readonly Task<IConnectionMultiplexer>[] _lanes;
    private int _next;

    /// <param name="main">The process's multiplexer, for when no lane is connected.</param>
    /// <param name="lanes">Each lane's connect, run once on a pool thread (a multiplexer's first connect may wait for Redis).</param>
    public RedisTransactionLanes(IConnectionMultiplexer main, IReadOnlyList<Func<IConnectionMultiplexer>> lanes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes.Count, MaxCount);
        _main = main;
        _lanes = [.. lanes.Select(Task.Run)];
    }

    /// <summary>How many lanes there are.</summary>
    public int Count => _lanes.Length;

    /// <summary>How many lanes are connected now.</summary>
    public int Connected => _lanes.Count(lane => lane.IsCompletedSuccessfully && lane.Result.IsConnected);

    /// <summary>A conditional transaction on the next connected lane (the main connection when none is).</summary>
    public ITransaction CreateTransaction() => NextLane().GetDatabase().CreateTransaction();

    /// <summary>A conditional transaction on a lane of <paramref name="lanes"/>, or on <paramref name="database"/> without lanes (a test's store).</summary>
    public static ITransaction CreateTransaction(RedisTransactionLanes? lanes, IDatabase database) =>
        lanes?.CreateTransaction() ?? database.CreateTransaction();

    private IConnectionMultiplexer NextLane()
    {
        for (var tried = 0; tried < _lanes.Length; tried++)
        {
            var lane = _lanes[(int)((uint)Interlocked.Increment(ref _next) % (uint)_lanes.Length)];
            if (lane.IsCompletedSuccessfully && lane.Result.IsConnected)
            {
                return lane.Result;
            }
        }

        return _main;
    }
}
