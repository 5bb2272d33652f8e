using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Users;

namespace SmartHome.AssistantCloud.Pages;

/// <summary>
/// "Why doesn't my light work?": the diagnosis drawn as the chain of hops, the first failing one marked, its cause and
/// fix in words, and a link to the last failed command's trace in the Aspire dashboard.
/// </summary>
public sealed class DiagnoseModel(PersonHome home, IOptions<PersonAppOptions> options) : PageModel
{
    public IReadOnlyList<DeviceView> Devices { get; private set; } = [];

    public string? Device { get; private set; }

    public DiagnosisReport? Report { get; private set; }

    private string Person => PersonAccess.SessionPerson(User)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Devices = await home.DevicesAsync(Person, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? device, CancellationToken cancellationToken)
    {
        Devices = await home.DevicesAsync(Person, cancellationToken);
        Device = string.IsNullOrWhiteSpace(device) ? Devices.FirstOrDefault()?.FriendlyName : device.Trim();
        if (Device is not null)
        {
            Report = await home.DiagnoseAsync(Person, Device, cancellationToken);
        }

        return Page();
    }

    /// <summary>The trace in the dashboard (its trace detail page), when the dashboard's address is known.</summary>
    public string? TraceUrl(string? traceId) =>
        traceId is { Length: > 0 } && options.Value.DashboardUrl is { } dashboard
            ? new Uri(dashboard, $"/traces/detail/{Uri.EscapeDataString(traceId)}").ToString()
            : null;

    public static string HopName(string? hop) => hop switch
    {
        "assistant" => "Assistant (this app's cloud)",
        "link" => "Link between accounts",
        "vendor" => "Maker's cloud",
        "uplink" => "Home's internet (router)",
        "gateway" => "Hub (the gateway)",
        "band" => "Home Wi-Fi (2.4 GHz)",
        "plug" => "Plug",
        "lamp" => "Lamp",
        null => "unknown hop",
        _ => hop,
    };

    public static string StatusClass(string status) => status switch
    {
        HopStatus.Ok => "ok",
        HopStatus.Failed => "bad",
        _ => "unknown",
    };

    public static string StatusText(string status, bool failing) => status switch
    {
        HopStatus.Ok => "works",
        HopStatus.Failed => failing ? "fails here" : "fails",
        _ => "cannot tell",
    };
}
