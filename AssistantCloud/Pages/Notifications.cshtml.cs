using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Users;

namespace SmartHome.AssistantCloud.Pages;

/// <summary>The person's notices, newest first: the link-expired notice with its "Link again", kept and marked resolved after re-linking.</summary>
public sealed class NotificationsModel(PersonHome home) : PageModel
{
    public IReadOnlyList<NotificationView> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Notices = await home.NotificationsAsync(PersonAccess.SessionPerson(User)!, cancellationToken);

    public static string Title(string kind) => kind == "LinkExpired" ? "Link expired" : kind;
}
