namespace SmartHome.AssistantCloud.Conformance;

/// <summary>The skill conformance check's answer: which skill, each item with its evidence, and a one-line summary.</summary>
public sealed record ConformanceReport(
    string SkillEndpoint,
    string Issuer,
    string? TestAccount,
    DateTimeOffset CheckedAt,
    long DurationMilliseconds,
    bool Passed,
    string Summary,
    IReadOnlyList<ConformanceItem> Items)
{
    /// <summary>"12 of 12 checks passed." or "9 of 12 checks passed; failed: discovery, ...".</summary>
    public static string Summarize(IReadOnlyList<ConformanceItem> items)
    {
        var failed = items.Where(i => !i.Passed).Select(i => i.Id).ToList();
        var passed = items.Count - failed.Count;
        return failed.Count == 0
            ? $"{passed} of {items.Count} checks passed."
            : $"{passed} of {items.Count} checks passed; failed: {string.Join(", ", failed)}.";
    }
}
