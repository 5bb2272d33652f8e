using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Users;

namespace SmartHome.AssistantCloud.Pages;

/// <summary>
/// The skills and their link state. "Enable to use" / "Link again" start the real authorization-code + PKCE flow: the
/// browser goes to the vendor's sign-in page and comes back through the assistant's callback to this page.
/// </summary>
public sealed class SkillsModel(PersonHome home) : PageModel
{
    public IReadOnlyList<SkillLinkView> Skills { get; private set; } = [];

    public string SkillName => home.SkillDisplayName;

    public string AssistantName => home.AssistantDisplayName;

    [BindProperty(SupportsGet = true, Name = "linked")]
    public bool Linked { get; set; }

    [BindProperty(SupportsGet = true, Name = "linkError")]
    public string? LinkError { get; set; }

    public string? Message { get; private set; }

    private string Person => PersonAccess.SessionPerson(User)!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (LinkError is not null)
        {
            Message = LinkError == "access_denied"
                ? $"You did not allow {home.AssistantDisplayName} to use {home.SkillDisplayName}. Nothing was linked."
                : $"{home.SkillDisplayName} could not be linked ({LinkError}). Try Link again.";
        }

        Skills = await home.SkillsAsync(Person, cancellationToken);
    }

    public async Task<IActionResult> OnPostLinkAsync(string skill, CancellationToken cancellationToken)
    {
        try
        {
            return await home.StartLinkAsync(Person, skill, cancellationToken) is { } authorize
                ? Redirect(authorize.ToString())
                : NotFound();
        }
        catch (AuthorizationServerMetadataException)
        {
            Message = $"{home.SkillDisplayName} cannot be reached right now. Try again in a moment.";
            Skills = await home.SkillsAsync(Person, cancellationToken);
            return Page();
        }
    }

    public static string StateText(LinkState state) => state switch
    {
        LinkState.Linked => "Linked",
        LinkState.Expired => "Link expired",
        _ => "Not linked",
    };
}
