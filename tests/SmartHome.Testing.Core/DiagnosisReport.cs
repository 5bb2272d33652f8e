namespace SmartHome.Testing;

/// <summary>One hop of the chain as the diagnosis saw it: <c>ok</c>, <c>failed</c> or <c>unknown</c>.</summary>
public sealed record DiagnosisHop(string Hop, string Status, string? Detail, string? Cause, string? Fix);

/// <summary>The person's last failed command, as the diagnosis remembers it.</summary>
public sealed record FailedCommand(string TraceId, DateTimeOffset At, string Text, string Outcome, string? ErrorType, string? FailedHop);

/// <summary>The assistant's <c>GET /api/diagnose</c> answer (docs/protocols.md, "Diagnosis").</summary>
public sealed record DiagnosisReport(
    string User,
    string Device,
    string? EndpointId,
    bool Healthy,
    string? FirstFailingHop,
    string? Cause,
    string? Fix,
    IReadOnlyList<DiagnosisHop> Hops,
    FailedCommand? LastFailedCommand)
{
    /// <summary>The hops in the chain's order, from the person's assistant to the bulb.</summary>
    public static readonly IReadOnlyList<string> HopOrder = ["assistant", "link", "vendor", "uplink", "gateway", "band", "plug", "lamp"];

    public DiagnosisHop this[string hop] => Hops.Single(h => h.Hop == hop);

    public override string ToString() =>
        $"first failing {FirstFailingHop ?? "none"}: {Cause} | " + string.Join("; ", Hops.Select(h => $"{h.Hop}={h.Status} ({h.Detail})"));
}
