namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// A notice shown to the person in the assistant's app (e.g. "the link has expired"). It is kept once
/// dealt with, marked resolved (<see cref="ResolvedAt"/>), so the app can show what happened.
/// </summary>
public sealed record Notification(string Id, string Skill, string Kind, string Message, DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt = null)
{
    public bool IsResolved => ResolvedAt is not null;
}
