using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>A notice as the person's app lists it (`GET /api/users/{user}/notifications`, newest first).</summary>
public sealed record NotificationView(string Id, DateTimeOffset CreatedAt, string Kind, string SkillId, string Text)
{
    public static NotificationView From(Notification notification) =>
        new(notification.Id, notification.CreatedAt, notification.Kind, notification.Skill, notification.Message);
}
