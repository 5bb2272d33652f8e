using Microsoft.Extensions.Configuration;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

public sealed class WorldLoaderTests
{
    [Fact]
    public void The_shipped_default_world_is_todays_world()
    {
        var world = WorldLoader.LoadFile(ShippedWorlds.PathOf("default"));

        Assert.Equal(WorldLoader.ToJson(World.Default), WorldLoader.ToJson(world));
        Assert.Equal("owner", world.StoryPerson.Id);
        Assert.Equal("owner@example.com", world.StoryAccount.Email);
        Assert.Equal("home-1", world.StoryHome.Id);
        var plug = world.StoryDevice;
        Assert.Equal(("plug-1", "bedroom lamp", "bedroom", DeviceKind.DimmablePlug, 10), (plug.Id, plug.Name, plug.Room, plug.Kind, plug.MinimumLevel));
        Assert.Equal(new WorldGateway(BandState.On, BroadbandState.Up), world.StoryHome.GatewayOrDefault);
    }

    [Fact]
    public void Every_shipped_world_file_names_the_schema_and_follows_it()
    {
        var files = ShippedWorlds.WorldFiles().ToList();
        Assert.Contains(files, f => f.EndsWith("two-lamps.json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Contains("\"$schema\": \"./world.schema.json\"", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.NotEmpty(WorldLoader.LoadFile(file).Homes);
        }
    }

    [Fact]
    public void The_embedded_schema_is_the_shipped_file()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(ShippedWorlds.Directory, "world.schema.json")), WorldSchema.Text);
    }

    [Fact]
    public void The_two_lamps_world_has_every_kind_and_a_second_person_with_her_own_home()
    {
        var world = WorldLoader.LoadFile(ShippedWorlds.PathOf("two-lamps"));

        var home = world.FindHome("home-1")!;
        Assert.Equal([DeviceKind.DimmablePlug, DeviceKind.DimmableLamp, DeviceKind.OnOffPlug], home.Devices.Select(d => d.Kind));
        Assert.Null(home.FindDevice("plug-3")!.MinimumLevel);
        Assert.Equal(5, home.FindDevice("lamp-2")!.MinimumLevel);
        var alice = world.FindPerson("alice")!;
        Assert.Equal(["home-2"], world.HomesOf(alice.VendorAccount!).Select(h => h.Id));
        // A home without a gateway block starts as the default one.
        Assert.Equal(WorldGateway.Default, world.FindHome("home-2")!.GatewayOrDefault);
    }

    [Fact]
    public void Invalid_json_names_the_line_and_position()
    {
        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse("{\n  \"people\": [\n    { \"id\": \"owner\" \n  ]\n}", "broken.json"));

        Assert.Contains("'broken.json' is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_the_schema_does_not_know_names_its_line_path_and_the_kinds_allowed()
    {
        var json = DefaultWith("\"kind\": \"dimmable-plug\"", "\"kind\": \"toaster\"");

        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse(json, "mine.json"));

        Assert.Contains("'mine.json' does not follow the world schema", error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {LineOf(json, "toaster")}", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.homes[0].devices[0].kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("dimmable-plug, onoff-plug, dimmable-lamp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_and_an_unknown_property_are_named()
    {
        var json = DefaultWith("\"name\": \"bedroom lamp\",", "\"colour\": \"red\",");

        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse(json, "mine.json"));

        Assert.Contains("the required property 'name' is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("'colour' is not a property the schema knows", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.homes[0].devices[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_id_used_twice_in_one_account_names_the_second_one()
    {
        var json = DefaultWith(
            "{ \"id\": \"plug-1\", \"name\": \"bedroom lamp\", \"room\": \"bedroom\", \"kind\": \"dimmable-plug\", \"minimumLevel\": 10 }",
            "{ \"id\": \"plug-1\", \"name\": \"bedroom lamp\", \"kind\": \"dimmable-plug\" },\n        { \"id\": \"plug-1\", \"name\": \"desk lamp\", \"kind\": \"dimmable-lamp\" }");

        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse(json, "mine.json"));

        Assert.Contains("breaks the world's rules", error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {LineOf(json, "desk lamp")}", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.homes[0].devices[1].id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_level_on_a_plug_that_does_not_dim_is_refused()
    {
        var json = DefaultWith("\"kind\": \"dimmable-plug\"", "\"kind\": \"onoff-plug\"");

        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse(json, "mine.json"));

        Assert.Contains("$.homes[0].devices[0].minimumLevel", error.Message, StringComparison.Ordinal);
        Assert.Contains("only for a dimmable kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_that_is_not_declared_is_named()
    {
        var json = DefaultWith("\"account\": \"owner@example.com\"", "\"account\": \"nobody@example.com\"");

        var error = Assert.Throws<WorldFileException>(() => WorldLoader.Parse(json, "mine.json"));

        Assert.Contains("$.homes[0].account: 'nobody@example.com' is not one of the vendorAccounts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_read_says_so()
    {
        var error = Assert.Throws<WorldFileException>(() => WorldLoader.LoadFile(Path.Combine(ShippedWorlds.Directory, "no-such-world.json")));

        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_picks_the_fleet_over_the_file_and_the_default_world_without_either()
    {
        Assert.Same(World.Default, WorldLoader.FromConfiguration(Configuration()));
        Assert.Equal("two-lamps", WorldLoader.FromConfiguration(Configuration((WorldLoader.FileKey, ShippedWorlds.PathOf("two-lamps")))).Name);
        Assert.Equal(3, WorldLoader.FromConfiguration(Configuration((WorldLoader.FileKey, ShippedWorlds.PathOf("two-lamps")), (WorldLoader.FleetHomesKey, "3"))).Homes.Count);
        Assert.Equal("two-lamps", WorldLoader.FromConfiguration(Configuration((WorldLoader.FileKey, ShippedWorlds.PathOf("two-lamps")), (WorldLoader.FleetHomesKey, "0"))).Name);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("100001")]
    public void A_fleet_size_that_is_not_a_count_is_refused(string homes)
    {
        var error = Assert.Throws<WorldFileException>(() => WorldLoader.FromConfiguration(Configuration((WorldLoader.FleetHomesKey, homes))));

        Assert.Contains(WorldLoader.FleetHomesKey, error.Message, StringComparison.Ordinal);
    }

    private static string DefaultWith(string find, string replacement)
    {
        var text = File.ReadAllText(ShippedWorlds.PathOf("default"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(fragment, StringComparison.Ordinal)).index + 1;

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
