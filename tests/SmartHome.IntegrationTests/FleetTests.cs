using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>
/// A generated fleet (<c>fleet-homes</c>) through the real AppHost: one devicegateway runs every home, one
/// simulatedplug every plug, each person linked at seeding. Home 1 is the story's (person <c>owner</c>), home
/// n belongs to <c>user-n</c>; every home has a dimmable "bedroom lamp" with the device id <c>plug-1</c>.
/// </summary>
public sealed class FleetTests(FleetTests.FleetAppFixture fixture) : IClassFixture<FleetTests.FleetAppFixture>
{
    public const int Homes = 50;

    private static readonly TimeSpan FleetTimeout = TimeSpan.FromMinutes(3);

    public sealed class FleetAppFixture : SmartHomeAppFixture
    {
        protected override IEnumerable<string> ExtraArguments => [$"--Parameters:fleet-homes={Homes}"];
    }

    private static string PersonOf(int home) => home == 1 ? "owner" : $"user-{home}";

    /// <summary>A level of its own per home (21..70): a command that landed in another home would show.</summary>
    private static int LevelOf(int home) => 20 + home;

    [Fact]
    public async Task Every_homes_lamp_obeys_its_own_person_and_no_one_elses()
    {
        var answers = await ForEachHomeAsync(home =>
            fixture.SayAsync($"set the bedroom lamp to {LevelOf(home)} percent", PersonOf(home)));
        Assert.All(answers, pair => Assert.True(pair.Value.Outcome == "Success",
            $"{PersonOf(pair.Key)}: {pair.Value.Outcome} {pair.Value.ErrorType} '{pair.Value.Speech}'"));

        var lamps = await ForEachHomeAsync(home => fixture.GetPlugStateAsync($"home-{home}", "plug-1"));
        Assert.All(lamps, pair =>
        {
            Assert.Equal("ON", pair.Value.Power);
            Assert.True(LevelOf(pair.Key) == pair.Value.Brightness, $"home-{pair.Key}'s lamp is at {pair.Value.Brightness}, its person asked {LevelOf(pair.Key)}");
        });
    }

    [Fact]
    public async Task Every_person_hears_their_own_lamp_reachable_from_the_start()
    {
        // Answered from the vendor's shadow: each home's hello must have reached it with the home's devices.
        var answers = await ForEachHomeAsync(home => fixture.SayAsync("is the bedroom lamp on", PersonOf(home)));
        Assert.All(answers, pair => Assert.True(pair.Value is { Outcome: "Success", State.Connectivity: "OK" },
            $"{PersonOf(pair.Key)}: {pair.Value.Outcome} {pair.Value.ErrorType} '{pair.Value.Speech}'"));
    }

    [Fact]
    public async Task A_fault_in_one_home_leaves_the_others_untouched_and_each_diagnosis_names_its_own_hop()
    {
        try
        {
            await fixture.SwitchAsync("devicegateway", "/sim/broadband/down?home=home-7");
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off?home=home-9&device=plug-1");
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-9"),
                "home-9's plug is offline at its gateway (its last will)");

            Assert.Equal("BRIDGE_UNREACHABLE", (await fixture.SayUntilAsync("turn on the bedroom lamp", "DeviceError", "user-7")).ErrorType);
            Assert.Equal("ENDPOINT_UNREACHABLE", (await fixture.SayAsync("turn on the bedroom lamp", "user-9")).ErrorType);
            foreach (var home in new[] { 1, 6, 8, 10, Homes })
            {
                var answer = await fixture.SayAsync("turn on the bedroom lamp", PersonOf(home));
                Assert.True(answer.Outcome == "Success", $"{PersonOf(home)}, beside the faulted homes: {answer.Outcome} {answer.ErrorType}");
            }

            var seven = await fixture.DiagnoseUntilFirstFailingAsync("uplink", "user-7");
            Assert.Contains("internet", seven.Cause, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("home-7", seven["gateway"].Detail, StringComparison.Ordinal); // its own gateway was asked
            await fixture.DiagnoseUntilFirstFailingAsync("plug", "user-9");
            await fixture.DiagnoseUntilFirstFailingAsync(null, "user-8");
            await fixture.DiagnoseUntilFirstFailingAsync(null, "owner");

            Assert.Equal("down", await BroadbandOfAsync("home-7"));
            Assert.Equal("up", await BroadbandOfAsync("home-8"));
            Assert.True(await fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-8"));
        }
        finally
        {
            await fixture.SwitchAsync("devicegateway", "/sim/broadband/up?home=home-7");
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/on?home=home-9&device=plug-1");
        }

        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success", "user-7");
        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success", "user-9");
    }

    [Fact]
    public async Task The_dashboards_fault_commands_act_on_the_home_and_device_they_are_given()
    {
        try
        {
            await fixture.RunDashboardCommandAsync("devicegateway", "broadband-down", ("home", "home-12"));
            await fixture.RunDashboardCommandAsync("simulatedplug", "wifi-off", ("home", "home-13"), ("device", "plug-1"));

            Assert.Equal("down", await BroadbandOfAsync("home-12"));
            Assert.Equal("up", await BroadbandOfAsync("home-1")); // the story's home, the default, untouched
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-13"),
                "home-13's plug is offline at its gateway");
            Assert.True(await fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-1"));
            Assert.True(await fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-14"));
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("devicegateway", "broadband-up", ("home", "home-12"));
            await fixture.RunDashboardCommandAsync("simulatedplug", "wifi-on", ("home", "home-13"), ("device", "plug-1"));
        }

        Assert.Equal("up", await BroadbandOfAsync("home-12"));
        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync("plug-1", home: "home-13"), "home-13's plug is back");
    }

    [Fact]
    public async Task An_unknown_home_or_device_is_a_404_that_names_it()
    {
        using var plug = fixture.CreateHttpClient("simulatedplug");
        using var gateway = fixture.CreateHttpClient("devicegateway");

        using var noHome = await plug.PostAsync($"/sim/wifi/off?home=home-{Homes + 1}&device=plug-1", null).WaitAsync(Wire.RequestTimeout);
        using var noDevice = await plug.GetAsync("/api/state?home=home-2&device=plug-2").WaitAsync(Wire.RequestTimeout);
        using var noGatewayHome = await gateway.PostAsync($"/sim/broadband/down?home=home-{Homes + 1}", null).WaitAsync(Wire.RequestTimeout);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, noHome.StatusCode);
        Assert.Contains($"home-{Homes + 1}", await noHome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, noDevice.StatusCode);
        Assert.Contains("plug-2", await noDevice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, noGatewayHome.StatusCode);
        // Nothing was switched: every home's broadband is still up.
        Assert.Equal("up", await BroadbandOfAsync($"home-{Homes}"));
    }

    [Fact]
    public async Task Each_homes_observer_sees_its_own_home_and_nothing_of_another()
    {
        // The story home's observer, with mosquitto_sub: its home's topics and its own lamp's discovery only.
        var story = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer", SmartHomeAppFixture.MqttObserverPassword,
            ["homes/home-1/#", "homeassistant/#"]);
        Assert.True(story.Messages.ContainsKey("homes/home-1/devices/plug-1/state"), story.Output + story.Error);
        Assert.True(story.Messages.ContainsKey("homeassistant/light/home-1/plug-1/config"), story.Output);
        Assert.All(story.Messages.Keys, topic => Assert.True(
            topic.StartsWith("homes/home-1/", StringComparison.Ordinal) || topic == "homeassistant/light/home-1/plug-1/config", topic));

        // Asking for other homes' topics gets none of theirs (refused at SUBSCRIBE by the embedded broker; granted by
        // mosquitto, whose ACL then delivers only what the observer may read: its own home's state).
        var prying = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer", SmartHomeAppFixture.MqttObserverPassword,
            ["homes/home-2/#", "homes/+/devices/+/state"], waitSeconds: 2);
        Assert.All(prying.Messages.Keys, topic => Assert.Equal("homes/home-1/devices/plug-1/state", topic));

        // Home 2's own observer, named by its home, with the password derived for it.
        // HMAC-SHA256(key: the parameter, "mqtt-observer:home-2") in lower-case hex, as docs/protocols.md says.
        var home2Password = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(SmartHomeAppFixture.MqttObserverPassword), "mqtt-observer:home-2"u8));
        var home2 = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer@home-2", home2Password, ["homes/home-2/#", "homeassistant/#"]);
        Assert.Equal("online", home2.Messages.GetValueOrDefault("homes/home-2/devices/plug-1/availability"));
        Assert.All(home2.Messages.Keys, topic => Assert.True(
            topic.StartsWith("homes/home-2/", StringComparison.Ordinal) || topic == "homeassistant/light/home-2/plug-1/config", topic));
    }

    private async Task<string?> BroadbandOfAsync(string home)
    {
        using var gateway = fixture.CreateHttpClient("devicegateway");
        var status = await gateway.GetFromJsonAsync<JsonElement>($"/api/status?home={home}").WaitAsync(Wire.RequestTimeout);
        Assert.Equal(home, status.GetProperty("homeId").GetString());
        return status.GetProperty("broadband").GetString();
    }

    /// <summary>Runs <paramref name="action"/> for every home, eight at a time, within one bound.</summary>
    private static async Task<IReadOnlyDictionary<int, T>> ForEachHomeAsync<T>(Func<int, Task<T>> action)
    {
        var results = new ConcurrentDictionary<int, T>();
        await Parallel.ForEachAsync(Enumerable.Range(1, Homes), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (home, _) => results[home] = await action(home)).WaitAsync(FleetTimeout);
        return results;
    }
}
