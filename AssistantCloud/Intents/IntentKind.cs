namespace SmartHome.AssistantCloud.Intents;

/// <summary>What the person asked for.</summary>
public enum IntentKind
{
    TurnOn,
    TurnOff,
    SetBrightness,
    AdjustBrightness,
    QueryPower,
    QueryBrightness,

    /// <summary>"Discover devices": ask the vendor again which devices the person has.</summary>
    Discover,
}
