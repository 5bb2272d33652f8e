using System.Net.Http.Json;

namespace SmartHome.AppHost;

/// <summary>
/// Every fault is a switch on the resource that owns it: these dashboard commands call the same
/// <c>/sim/...</c> endpoints that tests and curl use. Commands that break something ask first.
/// </summary>
internal static class FaultCommands
{
    /// <summary>The plug's switches, each for one device: the home and device are the command's arguments, the story's by default.</summary>
    public static IResourceBuilder<ProjectResource> WithPlugFaultCommands(this IResourceBuilder<ProjectResource> plug,
        string homeId, string deviceId) => plug
        .WithDeviceSwitch(homeId, deviceId, "/sim/wifi/off", "Wi-Fi off", "wifi-off", "WifiOff",
            "The plug's radio drops: its socket dies without an MQTT DISCONNECT; the broker publishes its last will after 1.5 x keep-alive.")
        .WithDeviceSwitch(homeId, deviceId, "/sim/wifi/on", "Wi-Fi on", "wifi-on", "Wifi1")
        .WithDeviceSwitch(homeId, deviceId, "/sim/unplug", "Unplug", "unplug", "PlugDisconnected",
            "Power is lost: the plug goes silent and the lamp goes dark; it comes back in its power-on state.")
        .WithDeviceSwitch(homeId, deviceId, "/sim/plug-in", "Plug in", "plug-in", "PlugConnected")
        .WithDeviceSwitch(homeId, deviceId, "/api/button", "Press button", "press-button", "HandPoint");

    /// <summary>Each switch takes the home as an argument (<c>?home=</c>), <paramref name="storyHome"/> when left as it is.</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayFaultCommands(this IResourceBuilder<ProjectResource> gateway, string storyHome) => gateway
        .WithSwitch("/sim/wifi-band/off", "2.4 GHz band off", "band24-off", "WifiOff",
            "The router's 2.4 GHz band goes off: the home's plugs (2.4 GHz only) lose Wi-Fi.", homeArgument: storyHome)
        .WithSwitch("/sim/wifi-band/on", "2.4 GHz band on", "band24-on", "Wifi1", homeArgument: storyHome)
        .WithSwitch("/sim/broadband/down", "Broadband down", "broadband-down", "GlobeProhibited",
            "The home loses its internet: the WAN edge refuses new connections and cuts the home's uplink to the vendor cloud.",
            homeArgument: storyHome)
        .WithSwitch("/sim/broadband/up", "Broadband up", "broadband-up", "Globe", homeArgument: storyHome);

    public static IResourceBuilder<ProjectResource> WithVendorFaultCommands(this IResourceBuilder<ProjectResource> vendor, string ownerEmail) => vendor
        .WithSwitch("/sim/outage/on", "Outage on", "outage-on", "CloudOff",
            "The vendor cloud goes down: 503 on the skill endpoint, the OAuth endpoints and the homes' uplinks.")
        .WithSwitch("/sim/outage/off", "Outage off", "outage-off", "Cloud")
        .WithSwitch("/sim/latency", "Add 3 s latency", "latency-3s", "Timer", body: new { milliseconds = 3000 })
        .WithSwitch("/sim/latency", "Remove latency", "latency-off", "TimerOff", body: new { milliseconds = 0 })
        .WithSwitch("/sim/oauth/expire-access-tokens", "Expire access tokens", "expire-access-tokens", "KeyReset",
            "The owner's access tokens expire now: the assistant must refresh.", query: $"email={Uri.EscapeDataString(ownerEmail)}")
        .WithSwitch("/sim/oauth/revoke-grants", "Revoke account links", "revoke-grants", "LinkDismiss",
            "Every grant of the owner's account is revoked: the assistant's link ends and the person must link again.",
            query: $"email={Uri.EscapeDataString(ownerEmail)}");

    public static IResourceBuilder<ProjectResource> WithAssistantFaultCommands(this IResourceBuilder<ProjectResource> assistant, string storyUser) => assistant
        .WithSwitch("/sim/outage/on", "Outage on", "outage-on", "CloudOff", "The assistant's cloud goes down: utterances get 503.")
        .WithSwitch("/sim/outage/off", "Outage off", "outage-off", "Cloud")
        .WithSwitch("/sim/event-gateway/down", "Event gateway down", "event-gateway-down", "PlugDisconnected",
            "The assistant's event gateway goes down: the vendor's reports get 503 SERVICE_UNAVAILABLE_EXCEPTION.")
        .WithSwitch("/sim/event-gateway/up", "Event gateway up", "event-gateway-up", "PlugConnected")
        .WithSwitch("/sim/event-gateway/expire-tokens", "Expire event tokens", "expire-event-tokens", "KeyReset",
            "The vendor's event-gateway access tokens of the person expire now: the vendor must refresh.",
            query: $"user={Uri.EscapeDataString(storyUser)}")
        .WithSwitch("/sim/event-gateway/revoke-tokens", "Revoke event tokens", "revoke-event-tokens", "LinkDismiss",
            "The vendor's permission to report for the person is revoked: its reports are refused until the person links again.",
            query: $"user={Uri.EscapeDataString(storyUser)}");

    private static IResourceBuilder<ProjectResource> WithDeviceSwitch(this IResourceBuilder<ProjectResource> plug,
        string homeId, string deviceId, string path, string displayName, string commandName, string iconName, string? confirmation = null)
        => plug.WithHttpCommand(path, displayName, endpointName: "http", commandName: commandName, new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            IconName = iconName,
            Description = confirmation ?? displayName,
            ConfirmationMessage = confirmation is null ? null : $"{displayName}? {confirmation}",
            Arguments =
            [
                new InteractionInput { Name = "home", Label = "Home", Description = "The id of the home of the world, e.g. home-7.", InputType = InputType.Text, Required = false, Value = homeId },
                new InteractionInput { Name = "device", Label = "Device", Description = "The device's id in that home, e.g. plug-1.", InputType = InputType.Text, Required = false, Value = deviceId },
            ],
            PrepareRequest = context =>
            {
                var home = ArgumentOrDefault(context.Arguments, "home", homeId);
                var device = ArgumentOrDefault(context.Arguments, "device", deviceId);
                context.Request.RequestUri = new UriBuilder(context.Request.RequestUri!)
                {
                    Query = $"home={Uri.EscapeDataString(home)}&device={Uri.EscapeDataString(device)}",
                }.Uri;
                return Task.CompletedTask;
            },
        });

    private static string ArgumentOrDefault(InteractionInputCollection? arguments, string name, string fallback) =>
        arguments is not null && arguments.TryGetByName(name, out var input) && !string.IsNullOrWhiteSpace(input?.Value) ? input.Value.Trim() : fallback;

    private static IResourceBuilder<ProjectResource> WithSwitch(this IResourceBuilder<ProjectResource> resource,
        string path, string displayName, string commandName, string iconName, string? confirmation = null, object? body = null,
        string? query = null, string? homeArgument = null)
        => resource.WithHttpCommand(path, displayName, endpointName: "http", commandName: commandName, new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            IconName = iconName,
            Description = confirmation ?? displayName,
            ConfirmationMessage = confirmation is null ? null : $"{displayName}? {confirmation}",
            // The home it acts on, asked for when the command runs (the story's unless changed).
            Arguments = homeArgument is null ? [] :
            [
                new InteractionInput
                {
                    Name = "home",
                    Label = "Home",
                    Description = "The id of the home of the world, e.g. home-7.",
                    InputType = InputType.Text,
                    Required = false,
                    Value = homeArgument,
                },
            ],
            PrepareRequest = body is null && query is null && homeArgument is null ? null : context =>
            {
                if (body is not null)
                {
                    context.Request.Content = JsonContent.Create(body);
                }

                var fullQuery = homeArgument is null
                    ? query
                    : $"home={Uri.EscapeDataString(ArgumentOrDefault(context.Arguments, "home", homeArgument))}";

                // The command's path is a path: a query written into it would be escaped into the path itself.
                if (fullQuery is not null)
                {
                    context.Request.RequestUri = new UriBuilder(context.Request.RequestUri!) { Query = fullQuery }.Uri;
                }

                return Task.CompletedTask;
            },
        });
}
