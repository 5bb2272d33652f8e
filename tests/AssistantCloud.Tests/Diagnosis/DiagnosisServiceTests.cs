using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

public sealed class DiagnosisServiceTests : IDisposable
{
    private readonly ActivityRecorder _recorder = new(AssistantCloudTelemetry.SourceName);
    private readonly FakeTimeProvider _time = new(HealthyFacts.Now);
    private readonly InMemoryAssistantStore _store = new();
    private readonly AssistantFaults _faults = new();
    private readonly FakeVendorSupportClient _vendor = new();
    private readonly FakeHomeGatewayClient _gateway = new();

    public void Dispose() => _recorder.Dispose();

    private WorldSource _world = new(World.Default);

    private DiagnosisService Service => new(_store, _faults, _vendor, _gateway, new PersonHomes(_world), TestNames.Default, _time, NullLogger<DiagnosisService>.Instance);

    private async Task LinkedWithLampAsync(string user = "owner")
    {
        await _store.EnsureUserAsync(user, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(user, Skills.VendorSkillId, LinkState.Linked, "a", "r", HealthyFacts.Now.AddHours(1), null, HealthyFacts.Now), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(user, Skills.VendorSkillId, [HealthyFacts.Lamp], CancellationToken.None);
    }

    private Task<DiagnosisReport?> DiagnoseAsync(string user = "owner", string device = "the Bedroom Lamp") =>
        Service.DiagnoseAsync(user, device, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_healthy_chain_asks_the_vendor_about_the_matched_endpoint_and_marks_the_span()
    {
        await LinkedWithLampAsync("healthy-user");

        var report = await DiagnoseAsync("healthy-user");

        Assert.True(report!.Healthy);
        Assert.Equal(["plug-1"], _vendor.Asked); // matched as in utterances: "the" and case do not matter
        Assert.Equal(HealthyFacts.Now, report.CheckedAt);
        // Users of their own: other classes' diagnoses run in parallel and their spans reach this recorder too.
        var span = Assert.Single(_recorder.Stopped, a => a.OperationName == "diagnose" && a.GetTagItem("smarthome.user") is "healthy-user");
        Assert.Equal("plug-1", span.GetTagItem("smarthome.device"));
        Assert.Null(span.GetTagItem("smarthome.diagnosis.first_failing_hop"));
    }

    [Fact]
    public async Task An_unknown_user_is_null()
    {
        Assert.Null(await DiagnoseAsync("nobody"));
        Assert.Empty(_vendor.Asked);
    }

    [Fact]
    public async Task The_device_failure_is_reported_with_the_last_failed_command_and_on_the_span()
    {
        await LinkedWithLampAsync("plug-user");
        var failed = new FailedCommand("trace-1", HealthyFacts.Now, "turn on the bedroom lamp", UtteranceOutcome.DeviceError, "ENDPOINT_UNREACHABLE", ChainHops.Plug);
        await _store.RecordFailedCommandAsync("plug-user", "plug-1", failed, CancellationToken.None);
        _gateway.Answer = () => GatewayFacts.Answered(HealthyFacts.GatewayView.WithPlug(false));

        var report = await DiagnoseAsync("plug-user");

        Assert.Equal(ChainHops.Plug, report!.FirstFailingHop);
        Assert.Equal(failed, report.LastFailedCommand);
        var span = Assert.Single(_recorder.Stopped, a => a.OperationName == "diagnose" && a.GetTagItem("smarthome.user") is "plug-user");
        Assert.Equal(ChainHops.Plug, span.GetTagItem("smarthome.diagnosis.first_failing_hop"));
    }

    [Fact]
    public async Task A_store_that_fails_makes_the_assistant_hop_fail_and_the_home_is_still_checked()
    {
        await LinkedWithLampAsync();
        _store.FailReads = new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available");

        var report = await DiagnoseAsync();

        Assert.Equal(ChainHops.Assistant, report!.FirstFailingHop);
        Assert.Contains("not reachable", report.Hops[0].Detail);
        Assert.Equal(HopStatus.Ok, report.Hops.Single(h => h.Hop == ChainHops.Band).Status);
        Assert.Empty(_vendor.Asked); // which device is meant could not be read
    }

    [Fact]
    public async Task A_store_that_hangs_is_cut_at_its_budget()
    {
        await LinkedWithLampAsync();
        _store.ReadDelay = TimeSpan.FromSeconds(5);

        var report = await DiagnoseAsync();

        Assert.Equal(ChainHops.Assistant, report!.FirstFailingHop);
        Assert.Contains("no answer within 300 ms", report.Hops[0].Detail);
    }

    [Fact]
    public async Task During_an_outage_the_assistant_fails_and_everything_else_is_checked()
    {
        await LinkedWithLampAsync();
        _faults.SetOutage(true);

        var report = await DiagnoseAsync();

        Assert.Equal(ChainHops.Assistant, report!.FirstFailingHop);
        Assert.Equal("The assistant's cloud is down.", report.Cause);
        Assert.All(report.Hops.Skip(1), h => Assert.Equal(HopStatus.Ok, h.Status));
    }

    [Fact]
    public async Task With_the_event_gateway_down_the_assistant_hop_says_its_state_may_be_stale_and_the_rest_is_healthy()
    {
        await LinkedWithLampAsync();
        _faults.SetEventGatewayDown(true);

        var report = await DiagnoseAsync();

        Assert.Equal(ChainHops.Assistant, report!.FirstFailingHop);
        Assert.Equal("The assistant may show stale state because its event gateway is down: the maker's reports cannot be delivered.", report.Cause);
        Assert.Contains("wait in the maker's queue", report.Hops[0].Detail);
        Assert.All(report.Hops.Skip(1), h => Assert.Equal(HopStatus.Ok, h.Status));

        _faults.SetEventGatewayDown(false);
        Assert.True((await DiagnoseAsync())!.Healthy);
    }

    [Fact]
    public async Task A_name_that_matches_no_endpoint_does_not_ask_the_vendor()
    {
        await LinkedWithLampAsync();

        var report = await DiagnoseAsync(device: "kitchen fan");

        Assert.Equal(ChainHops.Link, report!.FirstFailingHop);
        Assert.Empty(_vendor.Asked);
        Assert.Equal(HopStatus.Unknown, report.Hops.Single(h => h.Hop == ChainHops.Vendor).Status);
    }

    /// <summary>The owner with two homes (the bedroom lamp in home-1, the porch light in home-3), Alice with home-2.</summary>
    private static World ThreeHomes => new(
        People: [new WorldPerson("owner", "owner@example.com"), new WorldPerson("alice", "alice@example.com")],
        VendorAccounts: [new WorldAccount("owner@example.com"), new WorldAccount("alice@example.com")],
        Homes:
        [
            new WorldHome("home-1", "owner@example.com", [new WorldDevice("plug-1", "bedroom lamp", "bedroom", DeviceKind.DimmablePlug, 10)]),
            new WorldHome("home-2", "alice@example.com", [new WorldDevice("plug-1", "bedroom lamp", "bedroom", DeviceKind.DimmablePlug, 10)]),
            new WorldHome("home-3", "owner@example.com", [new WorldDevice("plug-9", "porch light", "porch", DeviceKind.OnOffPlug, 0)]),
        ]);

    [Fact]
    public async Task The_gateway_asked_is_the_persons_own_home_never_the_story_homes()
    {
        _world = new WorldSource(ThreeHomes);
        await LinkedWithLampAsync("alice");

        var report = await DiagnoseAsync("alice");

        Assert.True(report!.Healthy);
        Assert.Equal(["home-2"], _gateway.AskedHomes);
    }

    [Fact]
    public async Task A_person_with_several_homes_gets_the_gateway_of_the_home_the_device_is_in()
    {
        _world = new WorldSource(ThreeHomes);
        await LinkedWithLampAsync("owner");

        await DiagnoseAsync("owner", "the porch light");

        Assert.Equal(["home-3"], _gateway.AskedHomes);
    }

    [Fact]
    public async Task The_discovered_devices_home_wins_over_the_guess()
    {
        _world = new WorldSource(ThreeHomes);
        await _store.EnsureUserAsync("owner", CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink("owner", Skills.VendorSkillId, LinkState.Linked, "a", "r", HealthyFacts.Now.AddHours(1), null, HealthyFacts.Now), CancellationToken.None);
        // The vendor's discovery put a lamp of that name in home-3 (the world file changed since, say).
        var lampInHome3 = HealthyFacts.Lamp with { Cookie = new Dictionary<string, string> { ["homeId"] = "home-3" } };
        await _store.ReplaceEndpointsAsync("owner", Skills.VendorSkillId, [lampInHome3], CancellationToken.None);

        await DiagnoseAsync("owner");

        Assert.Equal("home-3", _gateway.AskedHomes[^1]);
    }

    [Fact]
    public async Task Someone_the_world_does_not_declare_gets_the_gateways_default_home()
    {
        await LinkedWithLampAsync("stranger");

        await DiagnoseAsync("stranger");

        Assert.Equal([null], _gateway.AskedHomes);
    }
}
