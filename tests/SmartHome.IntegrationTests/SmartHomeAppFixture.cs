using Aspire.Hosting;

namespace SmartHome.IntegrationTests;

/// <summary>
/// One real AppHost (all five resources, the dashboard on) shared by the tests of a collection, started by the chaos kit's
/// <see cref="SmartHomeWorld"/>.
/// The Redis mode comes from SMARTHOME_REDIS_MODE (embedded by default) so CI can run both, and the LAN broker
/// from SMARTHOME_MQTT_BROKER (embedded or mosquitto).
/// The default world uses the story's link policy, SignInAge.
/// </summary>
public class SmartHomeAppFixture : IAsyncLifetime
{
    public static readonly string[] ResourceNames = ["redis", "vendorcloud", "assistantcloud", "devicegateway", "simulatedplug"];

    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public const string DashboardApiKey = "smarthome-test-dashboard-key";

    // Test-only secrets: the AppHost's parameters, passed in so the tests can play the person's browser.
    public const string OwnerPassword = "test-owner-password-1";
    public const string AssistantClientSecret = "test-assistant-client-secret-0123456789";
    public const string GatewaySecret = "test-gateway-secret-0123456789abcdef";
    public const string PlugMqttPassword = "test-plug-mqtt-password-0123456789";
    public const string SkillClientSecret = "test-skill-client-secret-0123456789";
    public const string MqttObserverPassword = "test-mqtt-observer-password-0123";
    public const string MqttHomeAssistantPassword = "test-mqtt-homeassistant-password-0123";
    public const string SkillTestPassword = "test-skill-test-password-0123456789";
    public const string OwnerEmail = "owner@example.com";

    /// <summary>The kit's world (tests/SmartHome.Testing): what starts the AppHost, and the verbs the chaos tests use.</summary>
    public SmartHomeWorld World { get; private set; } = null!;

    public DistributedApplication App => World.App;

    public string RedisMode { get; } = Environment.GetEnvironmentVariable("SMARTHOME_REDIS_MODE") is { Length: > 0 } mode ? mode : "embedded";

    /// <summary>The LAN broker, from SMARTHOME_MQTT_BROKER: <c>embedded</c> (the gateway's, default) or <c>mosquitto</c> (Debian's).</summary>
    public string MqttBroker { get; } = Environment.GetEnvironmentVariable("SMARTHOME_MQTT_BROKER") is { Length: > 0 } broker ? broker : "embedded";

    public bool UsesMosquitto => MqttBroker.Equals("mosquitto", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a person's MQTT tool reaches the home LAN's broker.</summary>
    public Uri MqttBrokerUrl => UsesMosquitto ? App.GetEndpoint("mosquitto", "mqtt") : App.GetEndpoint("devicegateway", "mqtt");

    public async Task InitializeAsync()
    {
        World = await SmartHomeWorld.StartAsync(options =>
        {
            options.RedisMode = RedisMode;
            options.MqttBroker = MqttBroker;
            // The tests' own secrets, known in advance, so they can play the person's browser and search telemetry for them.
            options.OwnerPassword = OwnerPassword;
            options.OwnerEmail = OwnerEmail;
            options.SecretParameters["assistant-client-secret"] = AssistantClientSecret;
            options.SecretParameters["gateway-secret"] = GatewaySecret;
            options.SecretParameters["plug-mqtt-password"] = PlugMqttPassword;
            options.SecretParameters["skill-client-secret"] = SkillClientSecret;
            options.SecretParameters["mqtt-observer-password"] = MqttObserverPassword;
            options.SecretParameters["mqtt-homeassistant-password"] = MqttHomeAssistantPassword;
            options.SecretParameters["skill-test-password"] = SkillTestPassword;
            options.DashboardApiKey = DashboardApiKey;
            foreach (var argument in ExtraArguments)
            {
                options.AppHostArguments.Add(argument);
            }

            Configure(options);
            // Two replicas of each cloud are two more processes to start and seed on this loaded machine: more time, still bounded.
            options.StartTimeout = options.CloudReplicas > 1 ? WorldStartTimeout * 2 : WorldStartTimeout;
            // CI's cluster pass once saw one of these AppHosts not even started after six minutes while the suite's others ran;
            // a second, fresh AppHost is what a person would try, and a start that misses twice still fails the collection.
            options.StartAttempts = 2;
        });
    }

    /// <summary>Options the kit must know as well as the AppHost (the replicas and shards its verbs address).</summary>
    protected virtual void Configure(SmartHomeWorldOptions options)
    {
    }

    /// <summary>How long the world may take to be healthy (a world of more processes may take longer on a loaded machine).</summary>
    protected virtual TimeSpan WorldStartTimeout => StartTimeout;

    /// <summary>AppHost arguments of a differently configured world.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public HttpClient CreateHttpClient(string resourceName) => App.CreateHttpClient(resourceName);

    public Uri DashboardUrl => App.GetEndpoint("aspire-dashboard", "http");

    public async Task<string> GetRedisConnectionStringAsync(CancellationToken cancellationToken)
        => await App.GetConnectionStringAsync("redis", cancellationToken)
           ?? throw new InvalidOperationException("redis has no connection string");

    public async Task DisposeAsync()
    {
        if (World is not null)
        {
            await World.DisposeAsync();
        }
    }
}

/// <summary>The same world with the fix: <c>link-policy=Sliding</c>.</summary>
public sealed class SlidingLinkAppFixture : SmartHomeAppFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Parameters:link-policy=Sliding"];
}

/// <summary>The default world, its own: the README's walk-through resets it and restarts services.</summary>
public sealed class ReadmeStoryAppFixture : SmartHomeAppFixture;

/// <summary>
/// Its own app: the return path's tests revoke the owner's event grant, which the diagnosis would then report. The plug
/// takes 3 s to apply a command (<c>plug-apply-delay-ms</c>), past the vendor's 1.5 s patience and within the gateway's
/// 5 s wait: a command is answered with a DeferredResponse and its outcome follows through the event gateway.
/// </summary>
public sealed class ReturnPathAppFixture : SmartHomeAppFixture
{
    public const int PlugApplyDelayMs = 3000;

    protected override IEnumerable<string> ExtraArguments => [$"--Parameters:plug-apply-delay-ms={PlugApplyDelayMs}"];
}

[CollectionDefinition(Name)]
public sealed class SmartHomeCollection : ICollectionFixture<SmartHomeAppFixture>
{
    public const string Name = "SmartHome app";
}

[CollectionDefinition(Name)]
public sealed class SlidingLinkCollection : ICollectionFixture<SlidingLinkAppFixture>
{
    public const string Name = "SmartHome app, Sliding link policy";
}

[CollectionDefinition(Name)]
public sealed class ReadmeStoryCollection : ICollectionFixture<ReadmeStoryAppFixture>
{
    public const string Name = "SmartHome app, the README's walk-through";
}

[CollectionDefinition(Name)]
public sealed class ReturnPathCollection : ICollectionFixture<ReturnPathAppFixture>
{
    public const string Name = "SmartHome app, the return path";
}

/// <summary>Two replicas of each cloud behind Aspire's proxy (<c>cloud-replicas=2</c>): the vendor's routing and switches across them.</summary>
public sealed class VendorReplicasAppFixture : SmartHomeAppFixture
{
    // The kit must know the replicas too: it waits for each, and the start bound doubles (seven service processes, not five).
    protected override void Configure(SmartHomeWorldOptions options) => options.CloudReplicas = 2;
}

[CollectionDefinition(Name)]
public sealed class VendorReplicasCollection : ICollectionFixture<VendorReplicasAppFixture>
{
    public const string Name = "SmartHome app, two replicas of each cloud (the vendor's routing)";
}
