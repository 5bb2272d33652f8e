namespace SmartHome.Testing.Chaos;

/// <summary>Which invariant a run broke.</summary>
public enum ChaosViolationKind
{
    /// <summary>An utterance got no answer (a hang) or a server error.</summary>
    NoAnswer,

    /// <summary>An answer came later than the assistant's budget.</summary>
    OverBudget,

    /// <summary>A failure (outcome, Alexa error type) that no active fault explains.</summary>
    UnexplainedFailure,

    /// <summary>The diagnosis named a failing hop that no active fault explains, or did not answer.</summary>
    UnexplainedDiagnosis,

    /// <summary>Once faults cleared, a lamp shows something else than the last acknowledged command (lost or resurrected).</summary>
    LampDisagrees,

    /// <summary>After every fault was cleared the diagnosis did not become healthy or a command did not work.</summary>
    NotRecovered,

    /// <summary>A secret of the world was found in its logs or traces.</summary>
    SecretInTelemetry,
}

/// <summary>An invariant broken at <see cref="At"/> into the run.</summary>
public sealed record ChaosViolation(ChaosViolationKind Kind, TimeSpan At, string Detail)
{
    public override string ToString() => $"{At.TotalSeconds,7:0.0}s {Kind}: {Detail}";
}

/// <summary>A chaos run broke an invariant; the message has the seed, the (shrunk) schedule and how to replay it.</summary>
public sealed class ChaosViolationException(string message) : Exception(message);
