namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// An utterance understood up to the device name: <see cref="DeviceName"/> is the name as said
/// (lower case, fillers such as "the" removed), not yet matched against the person's endpoints.
/// <see cref="Value"/> is the percent for SetBrightness, the signed delta for AdjustBrightness, null
/// otherwise.
/// </summary>
public sealed record ParsedUtterance(IntentKind Intent, string DeviceName, int? Value = null);
