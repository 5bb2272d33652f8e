namespace SmartHome.Testing;

/// <summary>The device an utterance was about.</summary>
public sealed record UtteranceDevice(string EndpointId, string FriendlyName);

/// <summary>The device's state as the assistant told it (from the vendor's answer or its last report).</summary>
public sealed record UtteranceState(string? PowerState, int? Brightness, string? Connectivity);

/// <summary>
/// The assistant's answer to <see cref="SmartHomeWorld.SayAsync"/> (<c>POST /api/utterances</c>): what the person hears,
/// the outcome (<c>Success</c>, <c>DeviceError</c>, <c>LinkExpired</c>, <c>ServiceUnavailable</c>, ...), the Alexa error
/// type of a failure, the trace id to look the command up by, and the state the assistant saw.
/// </summary>
public sealed record UtteranceAnswer(
    string Speech,
    string Outcome,
    string? Intent,
    string TraceId,
    UtteranceDevice? Device,
    UtteranceState? State,
    string? ErrorType)
{
    /// <summary>The HTTP status of the answer: 200, or 503 while the assistant's own cloud is down.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>How long the assistant took to answer.</summary>
    public TimeSpan Elapsed { get; init; }

    public bool Succeeded => Outcome == "Success";

    public override string ToString() => ErrorType is null ? $"{Outcome} '{Speech}'" : $"{Outcome}:{ErrorType} '{Speech}'";
}

/// <summary>A device's state at the plug process (<c>GET /api/state</c>).</summary>
public sealed record PlugState(string DeviceId, string Power, int Brightness, int LampOutputPercent, int MinimumLevel, bool MqttConnected);

/// <summary>A person's link to the vendor's skill, as the assistant's app shows it.</summary>
public sealed record SkillLink(string SkillId, string? DisplayName, string State, string? Reason);

/// <summary>A service's clock as it applied the world's (<c>GET /sim/clock</c>).</summary>
public sealed record ServiceClock(string Service, DateTimeOffset Now, TimeSpan Offset, double OffsetDays, long Version);
