namespace SmartHome.AssistantCloud.Storage;

/// <summary>A notice shown to the person in the assistant's app (e.g. "the link has expired").</summary>
public sealed record Notification(string Id, string Skill, string Kind, string Message, DateTimeOffset CreatedAt);
