namespace SmartHome.AssistantCloud.Storage;

/// <summary>The state of a person's account link with a skill.</summary>
public enum LinkState
{
    Unlinked,
    Linked,
    Expired,
}
