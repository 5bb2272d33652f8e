namespace SmartHome.AssistantCloud.Storage;

/// <summary>How an utterance ended, as the API reports it and a failed command keeps it.</summary>
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
