namespace SmartHome.LoadDriver.Tests;

public sealed class WorldPeopleTests
{
    [Fact]
    public void A_fleet_is_the_owner_in_home_1_and_user_n_in_home_n()
    {
        var fleet = WorldPeople.Fleet(4);

        Assert.Equal(
            [
                new Person("owner", "home-1", "bedroom lamp"),
                new Person("user-2", "home-2", "bedroom lamp"),
                new Person("user-3", "home-3", "bedroom lamp"),
                new Person("user-4", "home-4", "bedroom lamp"),
            ],
            fleet);
    }

    [Fact]
    public void Named_people_follow_the_fleet_s_convention_for_their_homes()
    {
        var people = WorldPeople.Named(["user-7", "owner", "alice"]);

        Assert.Equal(["home-7", "home-1", "home-3"], people.Select(p => p.HomeId));
    }

    [Fact]
    public void A_fleet_without_homes_is_refused() =>
        Assert.Throws<OptionException>(() => WorldPeople.Fleet(0));
}
