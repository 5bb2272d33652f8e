using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Users;

/// <summary>The person's side: links per skill, discovered endpoints, notifications, account linking and disabling a skill.</summary>
public static class UserApi
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users/{user}").RequirePersonOfRoute();
        users.MapGet("/skills", GetSkillsAsync).WithName("GetSkills");
        users.MapGet("/endpoints", GetEndpointsAsync).WithName("GetEndpoints");
        users.MapGet("/devices", GetDevicesAsync).WithName("GetDevices");
        users.MapGet("/notifications", GetNotificationsAsync).WithName("GetNotifications");
        users.MapPost("/skills/{skill}/link", StartLinkAsync).WithName("StartLink");
        users.MapDelete("/skills/{skill}", DisableSkillAsync).WithName("DisableSkill");

        app.MapGet("/api/link/callback", CompleteLinkAsync).WithName("LinkCallback").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetSkillsAsync(string user, IAssistantStore store, IOptions<AssistantOptions> names, TimeProvider time,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var grants = services.GetService<EventGrantStore>();
        if (!await store.UserExistsAsync(user, cancellationToken))
        {
            return UnknownUser(user);
        }

        var views = new List<SkillLinkView>();
        foreach (var skill in Skills.All)
        {
            var link = await store.GetLinkAsync(user, skill, cancellationToken) ?? AccountLink.Unlinked(user, skill, time.GetUtcNow());
            var eventGrant = grants is null ? null : EventGrantView.From(await grants.GetFactsAsync(user, skill));
            views.Add(SkillLinkView.From(link, names.Value.SkillDisplayName, eventGrant));
        }

        return TypedResults.Ok(views);
    }

    private static async Task<IResult> GetEndpointsAsync(string user, IAssistantStore store, CancellationToken cancellationToken)
    {
        if (!await store.UserExistsAsync(user, cancellationToken))
        {
            return UnknownUser(user);
        }

        var endpoints = new List<DiscoveredEndpoint>();
        foreach (var skill in Skills.All)
        {
            endpoints.AddRange(await store.GetEndpointsAsync(user, skill, cancellationToken));
        }

        return TypedResults.Ok(endpoints);
    }

    /// <summary>Each discovered device with its last known state, when it was reported and how.</summary>
    private static async Task<IResult> GetDevicesAsync(string user, IAssistantStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!await store.UserExistsAsync(user, cancellationToken))
        {
            return UnknownUser(user);
        }

        return TypedResults.Ok(await DeviceView.ListAsync(store, services.GetService<IEndpointStateStore>(), user, cancellationToken));
    }

    private static async Task<IResult> GetNotificationsAsync(string user, IAssistantStore store, CancellationToken cancellationToken) =>
        await store.UserExistsAsync(user, cancellationToken)
            ? TypedResults.Ok((await store.GetNotificationsAsync(user, cancellationToken)).Select(n => NotificationView.From(user, n)).ToList())
            : UnknownUser(user);

    private static async Task<IResult> StartLinkAsync(string user, string skill, LinkService links, CancellationToken cancellationToken)
    {
        if (!Skills.All.Contains(skill))
        {
            return UnknownSkill(skill);
        }

        try
        {
            var authorizeUrl = await links.StartLinkAsync(user, skill, vendorAccountHint: null, cancellationToken);
            return TypedResults.Ok(new { authorizeUrl });
        }
        catch (AuthorizationServerMetadataException ex)
        {
            return TypedResults.Problem(title: "The vendor cannot be reached.", detail: ex.Message,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> DisableSkillAsync(string user, string skill, LinkService links, IAssistantStore store, CancellationToken cancellationToken)
    {
        if (!Skills.All.Contains(skill))
        {
            return UnknownSkill(skill);
        }

        if (!await store.UserExistsAsync(user, cancellationToken))
        {
            return UnknownUser(user);
        }

        return TypedResults.Ok(await links.DisableAsync(user, skill, cancellationToken));
    }

    private static async Task<IResult> CompleteLinkAsync(
        string? code,
        string? state,
        string? error,
        [FromQuery(Name = "error_description")] string? errorDescription,
        LinkService links,
        IAssistantStore store,
        IOptions<AssistantOptions> names,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var skillName = names.Value.SkillDisplayName;
        // A person signed in to the app (who started linking there) goes back to the app's skills page, told the outcome.
        var appUrl = context.RequestServices.GetService<IOptions<PersonAppOptions>>()?.Value.Url;
        var backToApp = PersonAccess.SessionPerson(context.User) is not null ? appUrl : null;
        if (!string.IsNullOrEmpty(error))
        {
            // The vendor refused (e.g. access_denied): the state is spent either way.
            if (!string.IsNullOrEmpty(state))
            {
                await store.TakePendingLinkAsync(state, cancellationToken);
            }

            return backToApp is not null ? SkillsPage(backToApp, error) : LinkCallbackPage.Failed(skillName, error, errorDescription, appUrl);
        }

        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state))
        {
            return LinkCallbackPage.Failed(skillName, "invalid_request", "The callback needs both code and state.", appUrl);
        }

        var completion = await links.CompleteLinkAsync(state, code, cancellationToken);
        if (backToApp is not null)
        {
            return SkillsPage(backToApp, completion.Succeeded ? null : completion.Error);
        }

        return completion.Succeeded
            ? LinkCallbackPage.Linked(skillName, names.Value.AssistantDisplayName, completion.Discovery?.EndpointCount ?? 0, appUrl)
            : LinkCallbackPage.Failed(skillName, completion.Error!, completion.ErrorDescription, appUrl);
    }

    private static IResult SkillsPage(Uri app, string? error) =>
        TypedResults.Redirect(new Uri(app, error is null ? "/skills?linked=true" : $"/skills?linkError={Uri.EscapeDataString(error)}").ToString());

    private static IResult UnknownSkill(string skill) =>
        TypedResults.Problem(title: "Unknown skill.", detail: $"There is no skill '{skill}'.", statusCode: StatusCodes.Status404NotFound);

    private static IResult UnknownUser(string user) =>
        TypedResults.Problem(title: "Unknown user.", detail: $"There is no user '{user}'.", statusCode: StatusCodes.Status404NotFound);
}
