namespace SmartHome.LoadDriver;

/// <summary>
/// What one utterance came back with: its outcome key ("Success", "DeviceError:BRIDGE_UNREACHABLE", "HTTP 503",
/// "Timeout"), the assistant replica that answered (<c>X-Assistant-Replica</c>, when there is one) and the answer's trace id.
/// </summary>
public sealed record UtteranceReply(string Outcome, string? Replica = null, string? TraceId = null)
{
    public bool Succeeded => Outcome == LatencyRecorder.Success;

    /// <summary>Sent a second time because the first try's connection closed before any answer.</summary>
    public bool Resent { get; init; }

    /// <summary>Why a "ConnectionFailed" failed (the client's error and message), for the report.</summary>
    public string? Detail { get; init; }
}
