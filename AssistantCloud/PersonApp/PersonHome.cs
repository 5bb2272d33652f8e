using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// What a signed-in person sees of their own home and can do in the app: the same services as the person's API (the
/// utterance handler, links, notices, the diagnosis), always for the one person the page names.
/// </summary>
public sealed class PersonHome
{
    private readonly IAssistantStore _store;
    private readonly IServiceProvider _services;
    private readonly AssistantOptions _names;
    private readonly TimeProvider _time;

    // Internal: the services it wraps are the assistant's own; built by AddPersonApp's factory.
    internal PersonHome(IAssistantStore store, IServiceProvider services, IOptions<AssistantOptions> names, TimeProvider time)
    {
        _store = store;
        _services = services;
        _names = names.Value;
        _time = time;
    }

    public string SkillDisplayName => _names.SkillDisplayName;

    public string AssistantDisplayName => _names.AssistantDisplayName;

    public Task<bool> ExistsAsync(string person, CancellationToken cancellationToken) => _store.UserExistsAsync(person, cancellationToken);

    /// <summary>Every discovered device of the person with its last known state (the assistant's own knowledge).</summary>
    public Task<IReadOnlyList<DeviceView>> DevicesAsync(string person, CancellationToken cancellationToken) =>
        DeviceView.ListAsync(_store, _services.GetService<IEndpointStateStore>(), person, cancellationToken);

    public Task<UtteranceResult> SayAsync(string person, string text, CancellationToken cancellationToken) =>
        _services.GetRequiredService<UtteranceHandler>().HandleAsync(person, text, cancellationToken);

    /// <summary>On or off, said as the person would say it; null when the device is not the person's.</summary>
    public async Task<UtteranceResult?> SetPowerAsync(string person, string endpointId, bool on, CancellationToken cancellationToken) =>
        await NameOfAsync(person, endpointId, cancellationToken) is { } name
            ? await SayAsync(person, $"turn {(on ? "on" : "off")} the {name}", cancellationToken)
            : null;

    /// <summary>A brightness from 0 to 100, said as the person would say it; null when the device is not the person's.</summary>
    public async Task<UtteranceResult?> SetBrightnessAsync(string person, string endpointId, int level, CancellationToken cancellationToken) =>
        await NameOfAsync(person, endpointId, cancellationToken) is { } name
            ? await SayAsync(person, $"set the {name} to {Math.Clamp(level, 0, 100)} percent", cancellationToken)
            : null;

    public async Task<IReadOnlyList<SkillLinkView>> SkillsAsync(string person, CancellationToken cancellationToken)
    {
        var grants = _services.GetService<EventGrantStore>();
        var views = new List<SkillLinkView>();
        foreach (var skill in Skills.All)
        {
            var link = await _store.GetLinkAsync(person, skill, cancellationToken) ?? AccountLink.Unlinked(person, skill, _time.GetUtcNow());
            var eventGrant = grants is null ? null : EventGrantView.From(await grants.GetFactsAsync(person, skill));
            views.Add(SkillLinkView.From(link, _names.SkillDisplayName, eventGrant));
        }

        return views;
    }

    public async Task<IReadOnlyList<NotificationView>> NotificationsAsync(string person, CancellationToken cancellationToken) =>
        [.. (await _store.GetNotificationsAsync(person, cancellationToken)).Select(n => NotificationView.From(person, n))];

    /// <summary>The vendor's sign-in page for linking (again): the real authorization-code + PKCE flow; null for an unknown skill.</summary>
    public async Task<Uri?> StartLinkAsync(string person, string skill, CancellationToken cancellationToken) =>
        Skills.All.Contains(skill)
            ? await _services.GetRequiredService<LinkService>().StartLinkAsync(person, skill, vendorAccountHint: null, cancellationToken)
            : null;

    public Task<DiagnosisReport?> DiagnoseAsync(string person, string device, CancellationToken cancellationToken) =>
        _services.GetRequiredService<DiagnosisService>().DiagnoseAsync(person, device, cancellationToken);

    private async Task<string?> NameOfAsync(string person, string endpointId, CancellationToken cancellationToken) =>
        (await DevicesAsync(person, cancellationToken)).FirstOrDefault(d => d.EndpointId == endpointId)?.FriendlyName;
}
