
namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// An utterance that failed (DeviceError, ServiceUnavailable, LinkExpired, NotLinked), kept so that the
/// diagnosis can point at its trace. <see cref="FailedHop"/> is one of the diagnosis' hop names.
/// </summary>
public sealed record FailedCommand(
    string? TraceId,
    DateTimeOffset At,
    string Text,
    UtteranceOutcome Outcome,
    string? ErrorType,
    string FailedHop);
