using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// Several devices: "the lights" and a room act on each device of the person's own home with its own
/// directive and answer, and one reply; "discover devices" asks the vendor again. Two people, each with
/// a home of their own (the shipped two-lamps world's shape): what one says never reaches the other's.
/// </summary>
public sealed class GroupUtteranceTests
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly World World = WorldLoader.Parse("""
        {
          "people": [{ "id": "owner", "vendorAccount": "owner@example.com" }, { "id": "alice", "vendorAccount": "alice@example.com" }],
          "vendorAccounts": [{ "email": "owner@example.com" }, { "email": "alice@example.com" }],
          "homes": [
            { "id": "home-1", "account": "owner@example.com", "devices": [
              { "id": "plug-1", "name": "bedroom lamp", "room": "bedroom", "kind": "dimmable-plug" },
              { "id": "lamp-2", "name": "reading lamp", "room": "bedroom", "kind": "dimmable-lamp" },
              { "id": "plug-3", "name": "kettle", "room": "kitchen", "kind": "onoff-plug" } ] },
            { "id": "home-2", "account": "alice@example.com", "devices": [
              { "id": "lamp-1", "name": "bedroom lamp", "room": "bedroom", "kind": "dimmable-lamp" } ] }
          ]
        }
        """, "test world");

    private static readonly DiscoveredEndpoint BedroomLamp = Light("plug-1", "bedroom lamp", "home-1");
    private static readonly DiscoveredEndpoint ReadingLamp = Light("lamp-2", "reading lamp", "home-1");
    private static readonly DiscoveredEndpoint Kettle = new("plug-3", "kettle", ["SMARTPLUG"],
        ["Alexa", "Alexa.PowerController", "Alexa.EndpointHealth"], new Dictionary<string, string> { ["homeId"] = "home-1" });
    private static readonly DiscoveredEndpoint AlicesLamp = Light("lamp-1", "bedroom lamp", "home-2");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();

    public GroupUtteranceTests()
    {
        // The vendor answers each directive for the endpoint it was sent to; the reading lamp is unreachable when told so.
        _vendor.Answer = directive => UnreachableEndpoints.Contains(EndpointOf(directive))
            ? AlexaAnswers.ErrorResponse(directive, "ENDPOINT_UNREACHABLE")
            : Response(directive);
    }

    private HashSet<string> UnreachableEndpoints { get; } = [];

    private static DiscoveredEndpoint Light(string id, string name, string homeId) => new(id, name, ["LIGHT"],
        ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"], new Dictionary<string, string> { ["homeId"] = homeId });

    private UtteranceHandler CreateHandler()
    {
        var tokens = new AccessTokenProvider(_store, new FakeTokenClient(), new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(),
            NullLogger<AccessTokenProvider>.Instance);
        return new(_store, tokens, _vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance,
            new PersonRooms(new WorldSource(World)), new DiscoveryService(tokens, _vendor, _store, NullLogger<DiscoveryService>.Instance));
    }

    private async Task LinkedAsync(string user, string token, params DiscoveredEndpoint[] endpoints)
    {
        await _store.EnsureUserAsync(user, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(user, Skill, LinkState.Linked, token, $"refresh-of-{token}",
            _time.GetUtcNow().AddHours(1), $"{user}@example.com", _time.GetUtcNow()), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(user, Skill, endpoints, CancellationToken.None);
    }

    private Task LinkedBothAsync() => Task.WhenAll(
        LinkedAsync("owner", "owner-token", BedroomLamp, ReadingLamp, Kettle),
        LinkedAsync("alice", "alice-token", AlicesLamp));

    private Task<UtteranceResult> SayAsync(string user, string text) => CreateHandler().HandleAsync(user, text, CancellationToken.None).WaitAsync(Wait);

    [Theory]
    [InlineData("turn off the lights")]
    [InlineData("Alexa, lights off")]
    [InlineData("switch off all the lamps")]
    public async Task The_lights_are_every_light_of_the_persons_home_each_with_its_own_directive(string text)
    {
        await LinkedBothAsync();

        var result = await SayAsync("owner", text);

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal("OK", result.Speech);
        Assert.Equal(["plug-1", "lamp-2"], _vendor.Directives.Select(EndpointOf));
        Assert.All(_vendor.Directives, d => Assert.Equal("Alexa.PowerController.TurnOff", d.QualifiedName));
        Assert.All(_vendor.Directives, d => Assert.Equal("owner-token", TokenOf(d)));
        Assert.Equal(["plug-1", "lamp-2"], result.Devices!.Select(d => d.EndpointId));
        Assert.All(result.Devices!, d => Assert.Equal(UtteranceOutcome.Success, d.Outcome));
    }

    [Fact]
    public async Task A_room_is_every_device_in_it_and_no_other()
    {
        await LinkedBothAsync();

        var result = await SayAsync("owner", "turn off the bedroom");

        Assert.Equal(UtteranceOutcome.Success, result.Outcome);
        Assert.Equal(["plug-1", "lamp-2"], _vendor.Directives.Select(EndpointOf));
    }

    [Fact]
    public async Task A_room_of_one_device_is_that_device_with_the_answer_of_one()
    {
        await LinkedBothAsync();

        var result = await SayAsync("owner", "turn on the kitchen");

        Assert.Equal(new DeviceReference("plug-3", "kettle"), result.Device);
        Assert.Null(result.Devices);
        Assert.Equal(["plug-3"], _vendor.Directives.Select(EndpointOf));
    }

    [Fact]
    public async Task Brightness_for_the_lights_goes_only_to_the_devices_that_dim()
    {
        await LinkedBothAsync();

        await SayAsync("owner", "set the lights to 30 percent");
        await SayAsync("owner", "turn on the kitchen");

        Assert.Equal(["plug-1", "lamp-2", "plug-3"], _vendor.Directives.Select(EndpointOf));
        Assert.Equal(["Alexa.BrightnessController.SetBrightness", "Alexa.BrightnessController.SetBrightness", "Alexa.PowerController.TurnOn"],
            _vendor.Directives.Select(d => d.QualifiedName));
    }

    [Fact]
    public async Task A_device_that_fails_is_named_in_the_one_reply_and_the_others_still_obey()
    {
        await LinkedBothAsync();
        UnreachableEndpoints.Add("lamp-2");

        var result = await SayAsync("owner", "turn off the lights");

        Assert.Equal("OK, but the reading lamp is not responding.", result.Speech);
        Assert.Equal(UtteranceOutcome.DeviceError, result.Outcome);
        Assert.Equal("ENDPOINT_UNREACHABLE", result.ErrorType);
        Assert.Equal([UtteranceOutcome.Success, UtteranceOutcome.DeviceError], result.Devices!.Select(d => d.Outcome));
    }

    [Fact]
    public async Task A_question_about_a_group_asks_which_one()
    {
        await LinkedBothAsync();

        var result = await SayAsync("owner", "is the bedroom on");

        Assert.Equal(UtteranceOutcome.AmbiguousDevice, result.Outcome);
        Assert.Empty(_vendor.Directives);
    }

    [Theory]
    [InlineData("turn off the lights")]
    [InlineData("turn off the bedroom")]
    [InlineData("turn off the bedroom lamp")]
    [InlineData("turn off the reading lamp")]
    [InlineData("turn off the kettle")]
    public async Task Nothing_one_person_says_reaches_another_persons_home(string text)
    {
        await LinkedBothAsync();

        await SayAsync("alice", text);

        // Alice has one lamp: whatever she says reaches it, with her token, or nothing at all.
        Assert.All(_vendor.Directives, d => Assert.Equal(("lamp-1", "alice-token"), (EndpointOf(d), TokenOf(d))));
        _vendor.Directives.Clear();

        await SayAsync("owner", text);

        Assert.DoesNotContain(_vendor.Directives, d => EndpointOf(d) == "lamp-1" || TokenOf(d) == "alice-token");
    }

    [Fact]
    public async Task Discover_devices_asks_the_vendor_again_and_a_new_device_can_then_be_used()
    {
        await LinkedAsync("owner", "owner-token", BedroomLamp);
        _vendor.Answer = directive => directive.Name == "Discover" ? DiscoverResponse(BedroomLamp, ReadingLamp) : Response(directive);

        Assert.Equal(UtteranceOutcome.UnknownDevice, (await SayAsync("owner", "turn on the reading lamp")).Outcome);
        var discovered = await SayAsync("owner", "discover devices");
        var result = await SayAsync("owner", "turn on the reading lamp");

        Assert.Equal((UtteranceOutcome.Success, "I found 2 devices."), (discovered.Outcome, discovered.Speech));
        Assert.Equal("Alexa.Discovery.Discover", _vendor.Directives[0].QualifiedName);
        Assert.Equal("owner-token", _vendor.Directives[0].Body["directive"]!["payload"]!["scope"]!["token"]!.GetValue<string>());
        Assert.Equal(new DeviceReference("lamp-2", "reading lamp"), result.Device);
    }

    private static string EndpointOf(AlexaDirective directive) => directive.Body["directive"]!["endpoint"]?["endpointId"]?.GetValue<string>() ?? "";

    private static string TokenOf(AlexaDirective directive) => directive.Body["directive"]!["endpoint"]!["scope"]!["token"]!.GetValue<string>();

    private static string Response(AlexaDirective directive) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = Header("Alexa", "Response", directive.CorrelationToken),
            ["endpoint"] = new JsonObject { ["endpointId"] = EndpointOf(directive) },
            ["payload"] = new JsonObject(),
        },
        ["context"] = new JsonObject { ["properties"] = new JsonArray() },
    }.ToJsonString();

    private static string DiscoverResponse(params DiscoveredEndpoint[] endpoints) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = Header("Alexa.Discovery", "Discover.Response", null),
            ["payload"] = new JsonObject
            {
                ["endpoints"] = new JsonArray([.. endpoints.Select(e => (JsonNode)new JsonObject
                {
                    ["endpointId"] = e.EndpointId,
                    ["friendlyName"] = e.FriendlyName,
                    ["displayCategories"] = new JsonArray([.. e.DisplayCategories.Select(c => (JsonNode)JsonValue.Create(c))]),
                    ["capabilities"] = new JsonArray([.. e.Capabilities.Select(c => (JsonNode)new JsonObject { ["interface"] = c })]),
                })]),
            },
        },
    }.ToJsonString();

    private static JsonObject Header(string @namespace, string name, string? correlationToken) => new()
    {
        ["namespace"] = @namespace,
        ["name"] = name,
        ["payloadVersion"] = "3",
        ["messageId"] = Guid.NewGuid().ToString(),
        ["correlationToken"] = correlationToken,
    };
}
