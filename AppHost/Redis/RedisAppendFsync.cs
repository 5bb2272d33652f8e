namespace SmartHome.AppHost.Redis;

/// <summary>
/// When Redis commits its append-only file (configuration key <c>Redis:AppendFsync</c>, in redis-server's own words):
/// <c>always</c> (the default: every write is committed before it is acknowledged, so a restart of <c>redis</c> loses
/// nothing) or <c>everysec</c> (committed once a second: a restart may lose the last second of writes, and each write
/// costs far less; the policy study's worlds, which never restart Redis, run so).
/// </summary>
public enum RedisAppendFsync
{
    Always,
    Everysec,
}

public static class RedisAppendFsyncSetting
{
    public const string Key = "Redis:AppendFsync";

    public static RedisAppendFsync Parse(string? configured) => ConfiguredEnum.Parse(Key, configured, RedisAppendFsync.Always);

    /// <summary>redis-server's <c>--appendfsync</c> value.</summary>
    public static string ServerValue(this RedisAppendFsync fsync) => fsync == RedisAppendFsync.Everysec ? "everysec" : "always";

    /// <summary>
    /// Garnet's arguments for the same choice: its <c>--aof-commit-freq</c> is 0 by default (a commit per write), or a
    /// period in milliseconds.
    /// </summary>
    public static IReadOnlyList<string> GarnetArgs(this RedisAppendFsync fsync) =>
        fsync == RedisAppendFsync.Everysec ? ["--aof-commit-freq", "1000"] : [];
}
