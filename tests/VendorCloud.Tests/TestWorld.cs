using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>A small world in memory: two accounts with one lamp each, the assistant's client, a fake clock.</summary>
internal sealed class TestWorld
{
    public const string ClientId = "assistant";
    public const string ClientSecret = "client-secret-0123456789-abcdefghijkl";
    public const string RedirectUri = "https://assistant.example/api/link/callback";
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "correct horse battery staple";
    public const string OwnerAccountId = "acct-owner";
    public const string OtherAccountId = "acct-other";
    public const string HomeId = "home-1";
    public const string DeviceId = "plug-1";
    public const string OtherDeviceId = "plug-9";

    /// <summary>RFC 7636 appendix B.</summary>
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    public InMemoryVendorDirectory Directory { get; } = new();
    public InMemoryOAuthStore Store { get; } = new();
    public InMemoryShadowStore Shadows { get; } = new();
    public FakeHomeUplinks Uplinks { get; } = new();
    public OAuthOptions Options { get; } = new() { ClientId = ClientId, ClientSecret = ClientSecret, RedirectUri = RedirectUri };
    public IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    public OAuthCounters Counters { get; }
    public AuthorizationServer Server { get; }
    public GrantRevoker Revoker { get; }
    public AccountSignIn Accounts { get; }
    public GrantViews Grants { get; }
    public SmartHome.VendorCloud.Simulation.LinkFaults LinkFaults { get; }
    public SkillDirectiveHandler Skill { get; }
    /// <summary>The uplinks the HTTP host's <c>/uplink/v1</c> registers (the skill itself goes through <see cref="Uplinks"/>).</summary>
    public UplinkRegistry Registry { get; }
    public VendorMetrics Metrics { get; }
    public SmartHome.VendorCloud.Faults.CloudFaults Faults { get; } = new();
    public InMemoryFaultSwitchStore FaultSwitches { get; } = new();
    /// <summary>The world's switches over <see cref="Faults"/> (this replica's copy) and <see cref="FaultSwitches"/> (Redis's part).</summary>
    public SmartHome.VendorCloud.Faults.SharedCloudFaults SharedFaults { get; }
    public SmartHome.VendorCloud.Replicas.VendorReplica Replica { get; } = SmartHome.VendorCloud.Replicas.VendorReplica.ForThisProcess();
    public InMemoryUplinkDirectory UplinkDirectory { get; }
    public OAuthClient Client { get; }

    /// <summary>The return path: off (not configured) unless a test configures it (<see cref="EnableAssistantEvents"/>).</summary>
    public AssistantEventsOptions AssistantOptions { get; } = new();
    public InMemoryAssistantGrantStore AssistantGrants { get; } = new();
    public FakeAssistantTokenClient AssistantTokens { get; } = new();
    public PendingEventQueue EventQueue { get; }
    public AssistantEventMetrics EventMetrics { get; }
    public AssistantEventReporter Reporter { get; }
    public GrantAcceptance GrantAcceptance { get; }
    public DirectiveDeferral Deferral { get; }

    /// <summary>Turns the return path on, with the token service and event gateway at <paramref name="gateway"/> (a fake's).</summary>
    public void EnableAssistantEvents(Uri? gateway = null)
    {
        AssistantOptions.TokenUrl = new Uri(gateway ?? new Uri("http://127.0.0.1:1"), "/auth/o2/token");
        AssistantOptions.EventGatewayUrl = new Uri(gateway ?? new Uri("http://127.0.0.1:1"), "/v3/events");
        AssistantOptions.ClientId = "smarthome-skill";
        AssistantOptions.ClientSecret = "skill-secret";
    }

    /// <summary>Another device in the owner's home.</summary>
    public void AddOwnerDevice(string deviceId, string name, DeviceKind kind, string homeId = HomeId) =>
        Directory.Devices[InMemoryVendorDirectory.Key(homeId, deviceId)] =
            new Device(deviceId, homeId, OwnerAccountId, name, "SmartHome Devices", "SIM", null, null, kind);

    public TestWorld()
    {
        var now = Time.GetUtcNow();
        Directory.Accounts[OwnerAccountId] = new Account(OwnerAccountId, OwnerEmail, SecretHasher.HashPassword(OwnerPassword), now, null);
        Directory.Accounts[OtherAccountId] = new Account(OtherAccountId, "other@example.com", SecretHasher.HashPassword("other password"), now, null);
        Directory.Homes[HomeId] = new Home(HomeId, OwnerAccountId, SecretHasher.HashToken("gateway-secret"));
        Directory.Homes["home-9"] = new Home("home-9", OtherAccountId, SecretHasher.HashToken("gateway-secret-9"));
        Directory.Devices[InMemoryVendorDirectory.Key(HomeId, DeviceId)] = new Device(DeviceId, HomeId, OwnerAccountId, "bedroom lamp", "SmartHome Devices", "DW3HL-SIM", "SIM-plug-1", "1.0.0");
        Directory.Devices[InMemoryVendorDirectory.Key("home-9", OtherDeviceId)] = new Device(OtherDeviceId, "home-9", OtherAccountId, "kitchen lamp", "SmartHome Devices", "DW3HL-SIM", null, null);
        Client = new OAuthClient(ClientId, SecretHasher.HashToken(ClientSecret), RedirectUri);
        Directory.Clients[ClientId] = Client;

        Registry = new UplinkRegistry(Time);
        UplinkDirectory = new InMemoryUplinkDirectory(Replica.Id);
        SharedFaults = new SmartHome.VendorCloud.Faults.SharedCloudFaults(Faults, FaultSwitches, Registry,
            NullLogger<SmartHome.VendorCloud.Faults.SharedCloudFaults>.Instance);
        Counters = new OAuthCounters(Store, Meters);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Revoker = new GrantRevoker(Directory, Store, Counters, Time, options, NullLogger<GrantRevoker>.Instance);
        Server = new AuthorizationServer(Directory, Store, Revoker, Counters, Time, options, NullLogger<AuthorizationServer>.Instance);
        Accounts = new AccountSignIn(Directory, Revoker, Time, NullLogger<AccountSignIn>.Instance);
        Grants = new GrantViews(Directory, Store, Revoker, Time);
        LinkFaults = new SmartHome.VendorCloud.Simulation.LinkFaults(Directory, Store, Revoker,
            NullLogger<SmartHome.VendorCloud.Simulation.LinkFaults>.Instance);
        Metrics = new VendorMetrics(Meters, Registry);
        var assistantOptions = Microsoft.Extensions.Options.Options.Create(AssistantOptions);
        EventQueue = new PendingEventQueue(100);
        EventMetrics = new AssistantEventMetrics(Meters, EventQueue);
        Reporter = new AssistantEventReporter(EventQueue, AssistantGrants, EventMetrics, assistantOptions, NullLogger<AssistantEventReporter>.Instance);
        GrantAcceptance = new GrantAcceptance(AssistantTokens, AssistantGrants, Time, NullLogger<GrantAcceptance>.Instance);
        Deferral = new DirectiveDeferral(Reporter, assistantOptions, Time, NullLogger<DirectiveDeferral>.Instance);
        Skill = new SkillDirectiveHandler(Server, Directory, Shadows, Uplinks, GrantAcceptance, Deferral, Metrics, Time,
            NullLogger<SkillDirectiveHandler>.Instance);
    }

    /// <summary>Links as the person does: signs in (recorded) and redeems the code. The token response of a fresh grant.</summary>
    public async Task<TokenResponse> LinkAsync(string accountId = OwnerAccountId)
    {
        await Directory.RecordSignInAsync(accountId, Time.GetUtcNow(), CancellationToken.None);
        var code = await Server.IssueCodeAsync(Client, RedirectUri, Challenge, accountId, CancellationToken.None);
        var result = await Server.RedeemCodeAsync(Client, code, RedirectUri, Verifier, CancellationToken.None);
        Assert.Null(result.Error);
        return result.Response!;
    }
}
