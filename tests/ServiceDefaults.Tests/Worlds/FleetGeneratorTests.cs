using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

public sealed class FleetGeneratorTests
{
    [Fact]
    public void A_fleet_of_one_is_the_default_world()
    {
        var fleet = FleetGenerator.Generate(1);

        Assert.Equal(WorldLoader.ToJson(World.Default with { Name = "fleet-1" }), WorldLoader.ToJson(fleet));
    }

    [Fact]
    public void Home_n_belongs_to_user_n_with_one_dimmable_bedroom_lamp()
    {
        var fleet = FleetGenerator.Generate(7);

        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"home-{n}"), fleet.Homes.Select(h => h.Id));
        Assert.Equal("owner", fleet.StoryPerson.Id);
        var person = fleet.FindPerson("user-7")!;
        Assert.Equal("user-7@example.com", person.VendorAccount);
        var home = Assert.Single(fleet.HomesOf(person.VendorAccount!));
        Assert.Equal("home-7", home.Id);
        var lamp = Assert.Single(home.Devices);
        Assert.Equal(("plug-1", "bedroom lamp", DeviceKind.DimmablePlug, 10), (lamp.Id, lamp.Name, lamp.Kind, lamp.MinimumLevel));
        Assert.Null(fleet.FindPerson("user-1"));
        Assert.Null(fleet.FindPerson("user-8"));
    }

    [Fact]
    public void A_thousand_homes_make_a_world_file_that_follows_the_schema_and_the_rules()
    {
        var fleet = FleetGenerator.Generate(1000);

        var reread = WorldLoader.Parse(WorldLoader.ToJson(fleet), "fleet");

        Assert.Equal(1000, reread.Homes.Count);
        Assert.Equal(1000, reread.People.Count);
        Assert.Equal(1000, reread.VendorAccounts.Select(a => a.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_fleet_has_at_least_one_home(int homes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FleetGenerator.Generate(homes));
    }
}
