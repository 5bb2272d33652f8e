using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

public sealed class WorldMqttNamesTests
{
    [Fact]
    public void The_default_world_keeps_plug_1_as_its_mqtt_name()
    {
        Assert.Equal("plug-1", World.Default.MqttName("home-1", "plug-1"));
    }

    [Fact]
    public void A_device_id_that_two_homes_share_is_qualified_by_its_home_in_both()
    {
        var fleet = FleetGenerator.Generate(3);

        Assert.Equal("home-1/plug-1", fleet.MqttName("home-1", "plug-1"));
        Assert.Equal("home-3/plug-1", fleet.MqttName("home-3", "plug-1"));
    }

    [Fact]
    public void A_device_id_only_one_home_has_stays_bare_beside_shared_ones()
    {
        var story = World.Default.Homes[0];
        var world = World.Default with
        {
            Homes =
            [
                story with { Devices = [.. story.Devices, new WorldDevice("lamp-2", "desk lamp", "office", DeviceKind.DimmableLamp)] },
                new WorldHome("home-2", "owner@example.com", [new WorldDevice("plug-1", "hall plug", "hall", DeviceKind.OnOffPlug)]),
            ],
        };

        Assert.Equal("lamp-2", world.MqttName("home-1", "lamp-2"));
        Assert.Equal("home-1/plug-1", world.MqttName("home-1", "plug-1"));
        Assert.Equal("home-2/plug-1", world.MqttName("home-2", "plug-1"));
    }

    [Fact]
    public void A_device_no_home_declares_is_named_by_the_rule_as_if_it_were_added()
    {
        var fleet = FleetGenerator.Generate(2);

        Assert.Equal("plug-9", fleet.MqttName("home-1", "plug-9"));
        Assert.Equal("home-1/plug-1", fleet.MqttName("home-1", "plug-1"));
        Assert.Equal("home-3/plug-1", fleet.MqttName("home-3", "plug-1"));
    }
}
