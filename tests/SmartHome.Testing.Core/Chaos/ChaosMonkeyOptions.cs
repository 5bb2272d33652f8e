namespace SmartHome.Testing.Chaos;

/// <summary>The monkey's bounds: the assistant's budget, how long a cleared fault may still be felt, how hard to shrink.</summary>
public sealed class ChaosMonkeyOptions
{
    /// <summary>Alexa's budget for a directive's answer: every utterance must be answered within it (plus <see cref="Grace"/>).</summary>
    public TimeSpan AnswerBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Slack over the budget for a loaded 2-core machine: past budget + grace an answer counts as a hang.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long after a fault is undone its effects may still be seen (offline detection, reconnect back-off).</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the owner's diagnosis is asked during a run.</summary>
    public TimeSpan DiagnosisEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many replays shrinking may spend on a violation (each replays the schedule against the world); 0: no shrinking.</summary>
    public int MaxShrinkRuns { get; set; } = 8;

    /// <summary>The people who speak; null: <see cref="ChaosPerson.Of"/> the world.</summary>
    public IReadOnlyList<ChaosPerson>? People { get; set; }

    /// <summary>Whether the world's logs and traces are searched for its secrets after a run (needs the dashboard's telemetry API key).</summary>
    public bool CheckTelemetry { get; set; } = true;

    /// <summary>Where progress goes (a test's output, the console).</summary>
    public Action<string>? Log { get; set; }
}
