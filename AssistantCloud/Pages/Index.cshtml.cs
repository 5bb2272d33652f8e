using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;

namespace SmartHome.AssistantCloud.Pages;

/// <summary>The person's devices with their current state and controls, and a box to type what they would say.</summary>
public sealed class IndexModel(PersonHome home) : PageModel
{
    public IReadOnlyList<DeviceView> Devices { get; private set; } = [];

    /// <summary>The spoken answer to the last thing said or done here (kept across the redirect after a post).</summary>
    [TempData]
    public string? Answer { get; set; }

    [TempData]
    public string? Said { get; set; }

    public string AssistantName => home.AssistantDisplayName;

    public string SkillName => home.SkillDisplayName;

    private string Person => PersonAccess.SessionPerson(User)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Devices = await home.DevicesAsync(Person, cancellationToken);

    public async Task<IActionResult> OnPostSayAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Answer = "Type what you would say first.";
            return RedirectToPage();
        }

        Said = text.Trim();
        return Spoken(await home.SayAsync(Person, Said, cancellationToken));
    }

    public async Task<IActionResult> OnPostPowerAsync(string endpointId, bool on, CancellationToken cancellationToken) =>
        Spoken(await home.SetPowerAsync(Person, endpointId, on, cancellationToken));

    public async Task<IActionResult> OnPostBrightnessAsync(string endpointId, int brightness, CancellationToken cancellationToken) =>
        Spoken(await home.SetBrightnessAsync(Person, endpointId, brightness, cancellationToken));

    public static string PowerText(string? power) => power switch
    {
        "ON" => "On",
        "OFF" => "Off",
        _ => "Unknown",
    };

    public static string PowerClass(string? power, bool unreachable) => unreachable ? "unreachable" : power == "ON" ? "on" : "off";

    public static string ReportedText(DateTimeOffset? at, string? by) => at is { } when
        ? $"{HowKnown(by)} {when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"
        : "Nothing reported yet";

    /// <summary>How the assistant learned the state, in words (the JavaScript on the page says the same).</summary>
    public static string HowKnown(string? source) => source switch
    {
        "ChangeReport" => "Reported by the device",
        "Response" => "Confirmed after a command",
        "StateReport" => "Asked the device",
        _ => "Known",
    };

    // After a post, back to the page (a reload does not repeat the command), the answer carried in TempData.
    private IActionResult Spoken(UtteranceResult? result)
    {
        if (result is null)
        {
            return NotFound();
        }

        Answer = result.Speech;
        return RedirectToPage();
    }
}
