using System.Text.Json.Nodes;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Tests.Fakes;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Devices of several kinds, and a device id that other homes use too (every home of a fleet has a plug-1).</summary>
public sealed class DeviceKindDirectiveTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task Discovery_gives_each_kind_its_category_and_capabilities()
    {
        _world.AddOwnerDevice("lamp-2", "reading lamp", DeviceKind.DimmableLamp);
        _world.AddOwnerDevice("plug-3", "kettle", DeviceKind.OnOffPlug);
        var linked = await _world.LinkAsync();

        var endpoints = (await DirectiveJson.HandleAsync(_world, DirectiveJson.Discover(linked.AccessToken)))["event"]!["payload"]!["endpoints"]!.AsArray();

        Assert.Equal(["lamp-2", "plug-1", "plug-3"], endpoints.Select(e => (string?)e!["endpointId"]));
        Assert.Equal(["LIGHT", "LIGHT", "SMARTPLUG"], endpoints.Select(e => (string?)e!["displayCategories"]![0]));
        Assert.Equal(["Alexa", "Alexa.PowerController", "Alexa.EndpointHealth"], Interfaces(endpoints[2]!));
        Assert.Contains("Alexa.BrightnessController", Interfaces(endpoints[0]!));
    }

    [Fact]
    public async Task Brightness_to_a_plug_that_only_switches_is_an_invalid_directive_and_nothing_is_sent()
    {
        _world.AddOwnerDevice("plug-3", "kettle", DeviceKind.OnOffPlug);
        var linked = await _world.LinkAsync();

        var answer = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, "plug-3", new { brightness = 40 }));

        Assert.Equal("INVALID_DIRECTIVE", (string?)answer["event"]!["payload"]!["type"]);
        Assert.Empty(_world.Uplinks.Sent);
    }

    [Fact]
    public async Task The_plug_of_the_same_id_in_another_accounts_home_is_never_the_one_reached()
    {
        // The other account's home has a plug-1 too, as every home of a fleet does.
        _world.Directory.Devices[InMemoryVendorDirectory.Key("home-9", TestWorld.DeviceId)] =
            new Device(TestWorld.DeviceId, "home-9", TestWorld.OtherAccountId, "bedroom lamp", "SmartHome Devices", "DW3HL-SIM", null, null);
        var linked = await _world.LinkAsync();

        await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));
        var discovered = (await DirectiveJson.HandleAsync(_world, DirectiveJson.Discover(linked.AccessToken)))["event"]!["payload"]!["endpoints"]!.AsArray();

        var (homeId, deviceId, _) = Assert.Single(_world.Uplinks.Sent);
        Assert.Equal((TestWorld.HomeId, TestWorld.DeviceId), (homeId, deviceId));
        Assert.Equal(TestWorld.HomeId, (string?)Assert.Single(discovered)!["cookie"]!["homeId"]);
    }

    private static List<string> Interfaces(JsonNode endpoint) => [.. endpoint["capabilities"]!.AsArray().Select(c => (string)c!["interface"]!)];
}
