using System.Globalization;

namespace SmartHome.PolicyStudy;

/// <summary>The share of households whose link the vendor held alive on a day.</summary>
public sealed record LinkedShare(int Day, double Share);

/// <summary>What one household went through under one policy (for tests and the JSON).</summary>
public sealed record HouseholdOutcome(int Number, string User, UsagePattern Pattern, int Lockouts, int ActiveLockouts, int? FirstLockoutDay,
    int ForcedRelinks, int Commands, int FailedCommands, int SignIns, IReadOnlyList<string> LockoutReasons, string FinalGrantState, int FullCommands = 0);

/// <summary>One policy's figures (docs/policy-study.md, "What is counted").</summary>
public sealed record PolicyResult(
    string Policy,
    int Households,
    int Days,
    int Lockouts,
    int ActiveLockouts,
    double? MedianDaysToFirstLockout,
    int Relinks,
    int Commands,
    int FailedCommands,
    int StaleGrants,
    long Refreshes,
    long RefreshFailures,
    int LostAnswers,
    IReadOnlyDictionary<string, int> LockoutsByReason,
    IReadOnlyList<LinkedShare> Linked,
    IReadOnlyList<HouseholdOutcome> HouseholdOutcomes,
    double StartSeconds,
    double RunSeconds,
    int FullCommands = 0,
    int StaleGrantDays = 0)
{
    /// <summary>
    /// <c>POLICY &lt;name&gt; lockouts=&lt;n&gt; active_lockouts=&lt;n&gt; median_days=&lt;d&gt; relinks=&lt;n&gt; failed_commands=&lt;n&gt;
    /// stale_grants=&lt;n&gt;</c>, then further key=value pairs. No lock-out: <c>median_days=none</c>.
    /// </summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"POLICY {Policy} lockouts={Lockouts} active_lockouts={ActiveLockouts} median_days={(MedianDaysToFirstLockout is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : "none")} "
        + $"relinks={Relinks} failed_commands={FailedCommands} stale_grants={StaleGrants} refreshes={Refreshes} refresh_failures={RefreshFailures} "
        + $"commands={Commands} full_commands={FullCommands} lost_answers={LostAnswers} stale_grant_days={StaleGrantDays} households={Households} days={Days} seconds={RunSeconds:0}");
}
