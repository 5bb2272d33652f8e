namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// The Alexa ChangeReport cause of a device's change, from the cause the plug gave (<see cref="ChangeCause"/>) and what
/// changed (docs/protocols.md, "Causes").
/// </summary>
internal static class ChangeCauses
{
    public const string PhysicalInteraction = "PHYSICAL_INTERACTION";
    public const string AppInteraction = "APP_INTERACTION";
    public const string PeriodicPoll = "PERIODIC_POLL";
    public const string VoiceInteraction = "VOICE_INTERACTION";

    /// <summary>
    /// The vendor's own word (never on the wire) for a change the plug reports as the gateway's command after that
    /// command went unanswered: the assistant was told it failed, so the change is reported after all.
    /// </summary>
    public const string UnansweredCommand = "unanswered-command";

    /// <summary>
    /// The cause of a state change; null when none is to be reported: a directive's own change is carried by its
    /// Response. A state seen without a cause (a plug back online, a hello after a reconnect) changed at the device
    /// while nobody heard: PHYSICAL_INTERACTION.
    /// </summary>
    public static string? OfStateChange(string? plugCause) => plugCause switch
    {
        ChangeCause.Command => null,
        UnansweredCommand => VoiceInteraction,
        ChangeCause.App => AppInteraction,
        _ => PhysicalInteraction,
    };

    /// <summary>
    /// Availability alone: the vendor noticed it by watching (the broker's will, the home's uplink), as Amazon's
    /// EndpointHealth examples report it: PERIODIC_POLL.
    /// </summary>
    public static string OfAvailabilityChange => PeriodicPoll;
}
