using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>`POST /api/utterances` answer: what the assistant says, and why.</summary>
public sealed record UtteranceResult(
    string Speech,
    UtteranceOutcome Outcome,
    IntentKind? Intent,
    string? TraceId,
    DeviceReference? Device,
    DeviceState? State,
    string? ErrorType);

/// <summary>The endpoint the utterance was resolved to.</summary>
public sealed record DeviceReference(string EndpointId, string FriendlyName);
