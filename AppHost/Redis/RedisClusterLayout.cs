namespace SmartHome.AppHost.Redis;

/// <summary>
/// The shape of <c>Redis:Mode=cluster</c>, free of processes so that it can be tested alone: how the mode is read,
/// how many masters, and which hash slots each one serves (what <c>redis-cli --cluster create</c> would give).
/// </summary>
public static class RedisClusterLayout
{
    private const string VerbatimTextPrefix = "txt:";

    /// <summary>Redis Cluster's fixed number of hash slots.</summary>
    public const int SlotCount = 16384;

    /// <summary>Three masters: the smallest cluster Redis accepts, without replicas (a restart keeps its data on disk).</summary>
    public const int Masters = 3;

    /// <summary>
    /// The mode named by <paramref name="configured"/> (case-insensitive; embedded when unset); anything else stops
    /// the start naming the modes there are.
    /// </summary>
    public static RedisMode ParseMode(string? configured) => ConfiguredEnum.Parse("Redis:Mode", configured, RedisMode.Embedded);

    /// <summary>The slots master <paramref name="index"/> (0-based) of <paramref name="masters"/> serves, first and last inclusive.</summary>
    public static (int First, int Last) SlotRange(int index, int masters = Masters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(masters);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, masters);
        // redis-cli's rounding (--cluster create): 0-5460, 5461-10922, 10923-16383 for three.
        var perMaster = (double)SlotCount / masters;
        int Last(int i) => i == masters - 1 ? SlotCount - 1 : (int)Math.Round((perMaster * (i + 1)) - 1, MidpointRounding.AwayFromZero);
        return (index == 0 ? 0 : Last(index - 1) + 1, Last(index));
    }

    /// <summary>The resource name of master <paramref name="index"/>: the first is <paramref name="name"/> itself.</summary>
    public static string NodeName(string name, int index) => index == 0 ? name : $"{name}-node-{index + 1}";

    /// <summary>
    /// Reads the <c>field:value</c> lines of <c>CLUSTER INFO</c>, which RESP3 sends as a verbatim string (a <c>txt:</c>
    /// format prefix before the first line).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseInfo(string info) =>
        (info.StartsWith(VerbatimTextPrefix, StringComparison.Ordinal) ? info[VerbatimTextPrefix.Length..] : info).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

    /// <summary>
    /// The ranges of <paramref name="range"/> a node does not serve yet, from the slot fields of its <c>myself</c> line in
    /// <c>CLUSTER NODES</c> (<c>0-5460</c>, <c>7000</c>; a <c>[...]</c> migration marker is not a slot it serves). A node
    /// that restarts without its nodes file claims the slots it has keys for by itself: only the rest is added.
    /// </summary>
    public static IReadOnlyList<(int First, int Last)> MissingRanges(IEnumerable<string> slotFields, (int First, int Last) range)
    {
        var served = new bool[range.Last - range.First + 1];
        foreach (var field in slotFields.Where(f => !f.StartsWith('[')))
        {
            var bounds = field.Split('-', 2);
            if (!int.TryParse(bounds[0], out var first) || !int.TryParse(bounds[^1], out var last))
            {
                continue;
            }

            for (var slot = Math.Max(first, range.First); slot <= Math.Min(last, range.Last); slot++)
            {
                served[slot - range.First] = true;
            }
        }

        var missing = new List<(int First, int Last)>();
        for (var offset = 0; offset < served.Length; offset++)
        {
            if (served[offset])
            {
                continue;
            }

            var start = offset;
            while (offset + 1 < served.Length && !served[offset + 1])
            {
                offset++;
            }

            missing.Add((range.First + start, range.First + offset));
        }

        return missing;
    }
}
