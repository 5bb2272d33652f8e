using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Utterances;

/// <summary>
/// `POST /api/utterances` answer: what the assistant says, and why. A command to a group ("the lights",
/// a room) has each device's own answer in <see cref="Devices"/> and one spoken reply. A question answered from the
/// last known state (no ReportState sent, as Alexa does for proactively reported properties) has it in <see cref="AnsweredFrom"/>.
/// </summary>
public sealed record UtteranceResult(
    string Speech,
    UtteranceOutcome Outcome,
    IntentKind? Intent,
    string? TraceId,
    DeviceReference? Device,
    DeviceState? State,
    string? ErrorType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DeviceAnswer>? Devices = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KnownState? AnsweredFrom = null);

/// <summary>One device's answer to a command sent to a group.</summary>
public sealed record DeviceAnswer(string EndpointId, string FriendlyName, UtteranceOutcome Outcome, string Speech, DeviceState? State, string? ErrorType);

/// <summary>The endpoint the utterance was resolved to.</summary>
public sealed record DeviceReference(string EndpointId, string FriendlyName);
