using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>
/// A notice as the person's app lists it (`GET /api/users/{user}/notifications`, newest first), with the
/// action that resolves it (a web app renders it as a button) and whether it is resolved.
/// </summary>
public sealed record NotificationView(string Id, DateTimeOffset CreatedAt, string Kind, string SkillId, string Text,
    NotificationAction? Action, bool Resolved, DateTimeOffset? ResolvedAt)
{
    public static NotificationView From(string user, Notification notification) =>
        new(notification.Id, notification.CreatedAt, notification.Kind, notification.Skill, notification.Message,
            notification.Kind == LinkExpiredNotice.Kind
                ? new NotificationAction(LinkExpiredNotice.ActionName, "POST", LinkExpiredNotice.ActionPath(user, notification.Skill))
                : null,
            notification.IsResolved, notification.ResolvedAt);
}

/// <summary>What the person can do about a notice: a request on this API.</summary>
public sealed record NotificationAction(string Name, string Method, string Href);
