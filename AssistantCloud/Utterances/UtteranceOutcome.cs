namespace SmartHome.AssistantCloud.Utterances;

/// <summary>How an utterance ended, as the API reports it.</summary>
public enum UtteranceOutcome
{
    Success,
    NotUnderstood,
    UnknownDevice,
    AmbiguousDevice,
    NotLinked,
    LinkExpired,
    DeviceError,
    ServiceUnavailable,
}
