using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests;

public class EndpointMatcherTests
{
    private static readonly DiscoveredEndpoint BedroomLamp = Endpoint("plug-1", "Bedroom Lamp", "LIGHT");
    private static readonly DiscoveredEndpoint Fan = Endpoint("plug-2", "The Fan", "FAN");
    private static readonly DiscoveredEndpoint DeskLamp = Endpoint("plug-3", "desk lamp", "LIGHT");
    private static readonly DiscoveredEndpoint Ceiling = Endpoint("plug-4", "ceiling", "LIGHT");
    private static readonly DiscoveredEndpoint BedroomLight = Endpoint("plug-5", "bedroom light", "LIGHT");
    private static readonly DiscoveredEndpoint LampOne = Endpoint("plug-6", "lamp one", "LIGHT");

    private static DiscoveredEndpoint Endpoint(string id, string name, string category) =>
        new(id, name, [category], ["Alexa.PowerController"], new Dictionary<string, string>());

    [Theory]
    [InlineData("bedroom lamp", "plug-1")]
    [InlineData("the bedroom lamp", "plug-1")]
    [InlineData("BEDROOM   LAMP", "plug-1")]
    [InlineData("bedroom light", "plug-1")] // lamp and light are one word
    [InlineData("bedroom lamps", "plug-1")]
    [InlineData("fan", "plug-2")]
    [InlineData("the fan", "plug-2")]
    [InlineData("lamp", "plug-1")] // a unique part of a name
    [InlineData("the lamp", "plug-1")]
    [InlineData("bedroom", "plug-1")]
    [InlineData("lights", "plug-1")] // the home's one light
    [InlineData("the light", "plug-1")]
    public void In_a_home_with_a_lamp_and_a_fan_finds_the_device_meant(string spoken, string endpointId)
    {
        var match = EndpointMatcher.Resolve(spoken, [BedroomLamp, Fan]);

        Assert.Equal(endpointId, match.Endpoint?.EndpointId);
        Assert.False(match.IsAmbiguous);
    }

    [Theory]
    [InlineData("kitchen lamp")]
    [InlineData("garage door")]
    [InlineData("bedroom lamp fan")]
    [InlineData("lamp 2")]
    [InlineData("")]
    public void Unknown_names_match_nothing(string spoken)
    {
        var match = EndpointMatcher.Resolve(spoken, [BedroomLamp, Fan]);

        Assert.Empty(match.Candidates);
        Assert.Null(EndpointMatcher.Match(spoken, [BedroomLamp, Fan]));
    }

    [Fact]
    public void Lights_in_a_home_without_lights_is_unknown()
    {
        Assert.Empty(EndpointMatcher.Resolve("lights", [Fan]).Candidates);
    }

    [Theory]
    [InlineData("lamp", new[] { "plug-1", "plug-3" })]
    [InlineData("the light", new[] { "plug-1", "plug-3" })]
    public void A_name_that_fits_several_devices_is_ambiguous_and_lists_them(string spoken, string[] endpointIds)
    {
        var match = EndpointMatcher.Resolve(spoken, [BedroomLamp, Fan, DeskLamp]);

        Assert.True(match.IsAmbiguous);
        Assert.Null(match.Endpoint);
        Assert.Equal(endpointIds, match.Candidates.Select(e => e.EndpointId));
        Assert.Null(EndpointMatcher.Match(spoken, [BedroomLamp, Fan, DeskLamp]));
    }

    [Theory]
    [InlineData("the lights")]
    [InlineData("lights")]
    [InlineData("all the lights")]
    [InlineData("all lamps")]
    public void The_lights_in_plural_are_every_light_of_the_home_and_nothing_else(string spoken)
    {
        var match = EndpointMatcher.Resolve(spoken, [BedroomLamp, Fan, DeskLamp]);

        Assert.True(match.IsGroup);
        Assert.True(match.IsSeveral);
        Assert.False(match.IsAmbiguous);
        Assert.Equal(["plug-1", "plug-3"], match.Candidates.Select(e => e.EndpointId));
    }

    [Fact]
    public void A_light_by_category_counts_as_a_light_even_without_light_in_its_name()
    {
        Assert.Equal(["plug-1", "plug-4"], EndpointMatcher.Resolve("lights", [BedroomLamp, Ceiling]).Candidates.Select(e => e.EndpointId));
        Assert.True(EndpointMatcher.Resolve("the light", [BedroomLamp, Ceiling]).IsAmbiguous);
        Assert.Equal("plug-4", EndpointMatcher.Resolve("the light", [Ceiling, Fan]).Endpoint?.EndpointId);
    }

    [Fact]
    public void The_name_as_said_wins_over_a_synonym()
    {
        Assert.Equal("plug-5", EndpointMatcher.Resolve("bedroom light", [BedroomLamp, BedroomLight]).Endpoint?.EndpointId);
        Assert.Equal("plug-1", EndpointMatcher.Resolve("bedroom lamp", [BedroomLamp, BedroomLight]).Endpoint?.EndpointId);
        Assert.True(EndpointMatcher.Resolve("bedroom", [BedroomLamp, BedroomLight]).IsAmbiguous);
    }

    [Fact]
    public void An_exact_name_wins_over_a_longer_name_that_contains_it()
    {
        var lamp = Endpoint("plug-7", "lamp", "LIGHT");

        Assert.Equal("plug-7", EndpointMatcher.Resolve("the lamp", [BedroomLamp, lamp]).Endpoint?.EndpointId);
    }

    [Fact]
    public void Numbers_in_names_match_as_digits_or_words()
    {
        Assert.Equal("plug-6", EndpointMatcher.Resolve("lamp 1", [LampOne, DeskLamp]).Endpoint?.EndpointId);
        Assert.Equal("plug-6", EndpointMatcher.Resolve("lamp one", [LampOne, DeskLamp]).Endpoint?.EndpointId);
    }
}

/// <summary>Rooms, as the person grouped the devices: "the bedroom" is every device in it, "the bedroom lights" every light in it.</summary>
public class EndpointMatcherRoomTests
{
    private static readonly DiscoveredEndpoint BedroomLamp = Endpoint("plug-1", "bedroom lamp", "LIGHT");
    private static readonly DiscoveredEndpoint ReadingLamp = Endpoint("lamp-2", "reading lamp", "LIGHT");
    private static readonly DiscoveredEndpoint Radio = Endpoint("plug-4", "radio", "SMARTPLUG");
    private static readonly DiscoveredEndpoint Kettle = Endpoint("plug-3", "kettle", "SMARTPLUG");
    private static readonly DiscoveredEndpoint[] Home = [BedroomLamp, ReadingLamp, Radio, Kettle];

    private static readonly Dictionary<string, string> Rooms = new()
    {
        ["plug-1"] = "bedroom",
        ["lamp-2"] = "bedroom",
        ["plug-4"] = "bedroom",
        ["plug-3"] = "kitchen",
    };

    private static string? RoomOf(DiscoveredEndpoint endpoint) => Rooms.GetValueOrDefault(endpoint.EndpointId);

    private static DiscoveredEndpoint Endpoint(string id, string name, string category) =>
        new(id, name, [category], ["Alexa.PowerController"], new Dictionary<string, string>());

    [Fact]
    public void A_room_is_every_device_in_it()
    {
        var match = EndpointMatcher.Resolve("the bedroom", Home, RoomOf);

        Assert.True(match.IsSeveral);
        Assert.Equal(["plug-1", "lamp-2", "plug-4"], match.Candidates.Select(e => e.EndpointId));
    }

    [Theory]
    [InlineData("bedroom lights")]
    [InlineData("the bedroom lamps")]
    public void The_lights_of_a_room_leave_its_other_devices_alone(string spoken)
    {
        Assert.Equal(["plug-1", "lamp-2"], EndpointMatcher.Resolve(spoken, Home, RoomOf).Candidates.Select(e => e.EndpointId));
    }

    [Fact]
    public void A_room_with_one_device_is_that_device()
    {
        Assert.Equal("plug-3", EndpointMatcher.Resolve("kitchen", Home, RoomOf).Endpoint?.EndpointId);
    }

    [Fact]
    public void A_device_named_as_said_wins_over_its_room()
    {
        Assert.Equal("plug-1", EndpointMatcher.Resolve("bedroom lamp", Home, RoomOf).Endpoint?.EndpointId);
        Assert.Equal("plug-1", EndpointMatcher.Resolve("bedroom light", Home, RoomOf).Endpoint?.EndpointId);
    }

    [Fact]
    public void Without_rooms_a_room_word_is_part_of_a_name_as_before()
    {
        Assert.True(EndpointMatcher.Resolve("bedroom", [BedroomLamp, Endpoint("plug-5", "bedroom fan", "FAN")]).IsAmbiguous);
        Assert.Equal("plug-1", EndpointMatcher.Resolve("bedroom", [BedroomLamp, Kettle]).Endpoint?.EndpointId);
    }

    [Fact]
    public void A_room_the_person_does_not_have_is_unknown()
    {
        Assert.Empty(EndpointMatcher.Resolve("garage", Home, RoomOf).Candidates);
    }
}
