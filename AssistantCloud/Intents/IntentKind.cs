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
}
