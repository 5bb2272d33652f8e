namespace SmartHome.Testing;

/// <summary>
/// How the vendor decides that an account link has ended (AppHost parameter <c>link-policy</c>):
/// <see cref="SignInAge"/> (the story), <see cref="Sliding"/> (the fix), or one of the policy study's
/// (<see cref="AbsoluteLifetime"/>, <see cref="IdleTimeout"/>, <see cref="IdleTimeoutNoLeeway"/>; docs/policy-study.md).
/// A string converts to it: <c>options.LinkPolicy = "Sliding"</c>.
/// </summary>
public readonly record struct LinkPolicy
{
    private LinkPolicy(string name) => Name = name;

    /// <summary>The story: a link dies once the last interactive sign-in is older than the link's maximum age.</summary>
    public static LinkPolicy SignInAge { get; } = new("SignInAge");

    /// <summary>The fix: every use renews the link.</summary>
    public static LinkPolicy Sliding { get; } = new("Sliding");

    /// <summary>The refresh token lives a fixed number of days from the link (<c>refresh-token-lifetime-days</c>), used or not.</summary>
    public static LinkPolicy AbsoluteLifetime { get; } = new("AbsoluteLifetime");

    /// <summary>The refresh token dies after <c>refresh-token-idle-days</c> without a refresh; a lost answer retried within the leeway is forgiven.</summary>
    public static LinkPolicy IdleTimeout { get; } = new("IdleTimeout");

    /// <summary>As <see cref="IdleTimeout"/>, and any refresh token presented twice (even a lost answer's retry) revokes the link.</summary>
    public static LinkPolicy IdleTimeoutNoLeeway { get; } = new("IdleTimeoutNoLeeway");

    /// <summary>Every policy the vendor knows, in the study's order.</summary>
    public static IReadOnlyList<LinkPolicy> All { get; } = [SignInAge, Sliding, AbsoluteLifetime, IdleTimeout, IdleTimeoutNoLeeway];

    public string Name { get; }

    public static implicit operator LinkPolicy(string name) =>
        All.FirstOrDefault(policy => policy.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } known
            ? known
            : throw new ArgumentException($"'{name}' is not a link policy: {string.Join(", ", All)}.", nameof(name));

    public override string ToString() => Name;
}

/// <summary>
/// What <c>SmartHomeWorld.StartAsync</c> starts: the AppHost's
/// parameters (unset ones keep the AppHost's defaults), the world, the Redis mode and the LAN broker, and how long
/// the start may take.
/// </summary>
public sealed class SmartHomeWorldOptions
{
    /// <summary>The vendor's link policy; null keeps the AppHost's (SignInAge, the story).</summary>
    public LinkPolicy? LinkPolicy { get; set; }

    /// <summary>The link's maximum age (whole days); null keeps 365.</summary>
    public TimeSpan? LinkMaxAge { get; set; }

    /// <summary>The refresh token's lifetime under <see cref="LinkPolicy.AbsoluteLifetime"/> (whole days); null keeps 90.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>The refresh token's idle timeout under the IdleTimeout policies (whole days); null keeps 30.</summary>
    public TimeSpan? RefreshTokenIdle { get; set; }

    /// <summary>How long the vendor's access tokens live; null keeps one hour.</summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>How long a rotated refresh token may still be presented; null keeps 30 s.</summary>
    public TimeSpan? RefreshReuseLeeway { get; set; }

    /// <summary>The plug's MQTT keep-alive (offline is seen after 1.5 x this); null keeps 2 s.</summary>
    public TimeSpan? KeepAlive { get; set; }

    /// <summary>A world file: a name under AppHost/worlds/ (<c>default</c>, <c>two-lamps</c>) or a path; null: the default world.</summary>
    public string? World { get; set; }

    /// <summary>N &gt; 0: a generated fleet of N homes (home-1 the story's, home-n owned by user-n) instead of a world file.</summary>
    public int FleetHomes { get; set; }

    /// <summary>
    /// How many replicas of each cloud (assistantcloud, vendorcloud) run behind Aspire's proxy (AppHost parameter
    /// <c>cloud-replicas</c>, 1 to 8); 1, the default, is one process each; SMARTHOME_CLOUD_REPLICAS when set.
    /// </summary>
    public int CloudReplicas { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("SMARTHOME_CLOUD_REPLICAS"), out var replicas) && replicas > 0 ? replicas : 1;

    /// <summary>
    /// How many shards of the simulators run (AppHost parameter <c>simulator-replicas</c>, 1 to 8): shard k is
    /// <c>devicegateway(-k+1)</c> and <c>simulatedplug(-k+1)</c>, running the homes <see cref="SimulatorShardNames.ShardOf"/>
    /// gives k; the verbs address each home's shard. 1, the default, is one process each; SMARTHOME_SIMULATOR_REPLICAS when set.
    /// </summary>
    public int SimulatorReplicas { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("SMARTHOME_SIMULATOR_REPLICAS"), out var shards) && shards > 0 ? shards : 1;

    /// <summary><c>embedded</c> (Garnet, default), <c>server</c> (redis-server) or <c>cluster</c> (three redis-server masters); SMARTHOME_REDIS_MODE when set.</summary>
    public string RedisMode { get; set; } = Environment.GetEnvironmentVariable("SMARTHOME_REDIS_MODE") is { Length: > 0 } mode ? mode : "embedded";

    /// <summary><c>embedded</c> (the gateway's broker, default) or <c>mosquitto</c>; SMARTHOME_MQTT_BROKER when set.</summary>
    public string MqttBroker { get; set; } = Environment.GetEnvironmentVariable("SMARTHOME_MQTT_BROKER") is { Length: > 0 } broker ? broker : "embedded";

    /// <summary>Further AppHost arguments, e.g. <c>--Parameters:plug-apply-delay-ms=500</c>.</summary>
    public IList<string> AppHostArguments { get; } = [];

    /// <summary>
    /// Settings the AppHost has no parameter for, as environment variables per resource, e.g.
    /// <c>ResourceEnvironment["vendorcloud"]["Throttling__TokenRequestsPerSecond"] = "100000"</c> (the policy study, whose
    /// simulated days pass faster than a real-time rate limit allows); they win over the AppHost's own.
    /// </summary>
    public IDictionary<string, IDictionary<string, string>> ResourceEnvironment { get; } = new Dictionary<string, IDictionary<string, string>>();

    /// <summary>
    /// How long the AppHost may take to build, start and have every resource healthy. The clock starts when this world's
    /// turn to start comes: worlds in one test process start one at a time (see <see cref="StartAttempts"/>).
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How many times to start the AppHost when a start misses <see cref="StartTimeout"/> (1, the default, is no second try).
    /// A test suite on a small, loaded machine may allow 2: the first AppHost is disposed and a fresh one started, and when
    /// the last try fails too, the <see cref="TimeoutException"/> says what each try was waiting for.
    /// </summary>
    public int StartAttempts { get; set; } = 1;

    /// <summary>The bound of every single request the kit makes.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>...UntilAsync</c> verbs wait for the world to show what they wait for.</summary>
    public TimeSpan EventuallyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The story account's password (the AppHost's <c>owner-password</c>); a fresh random one per world by default.</summary>
    public string OwnerPassword { get; set; } = Secrets.NewSecret("owner");

    /// <summary>
    /// The AppHost's secret parameters by name (<c>gateway-secret</c>, <c>plug-mqtt-password</c>, ...) for a test that must
    /// know them in advance; any not given is a fresh random one per world.
    /// </summary>
    public IDictionary<string, string> SecretParameters { get; } = new Dictionary<string, string>();

    /// <summary>The key of the dashboard's telemetry API; a fresh random one per world by default.</summary>
    public string? DashboardApiKey { get; set; }

    /// <summary>The owner's vendor account.</summary>
    public string OwnerEmail { get; set; } = "owner@example.com";

    internal IEnumerable<string> ToArguments(WorldSecrets secrets, string dataDir)
    {
        yield return $"--Redis:Mode={RedisMode}";
        yield return $"--Redis:DataDir={dataDir}";
        foreach (var (name, value) in secrets.Parameters)
        {
            yield return $"--Parameters:{name}={value}";
        }

        yield return $"--Parameters:mqtt-broker={MqttBroker}";
        // Never the fixed port of `dotnet run`: several worlds run at once.
        yield return "--Mqtt:LanPort=0";
        yield return $"--AppHost:DashboardApiKey={secrets.DashboardApiKey}";
        if (LinkPolicy is { } policy)
        {
            yield return $"--Parameters:link-policy={policy}";
        }

        if (LinkMaxAge is { } maxAge)
        {
            yield return $"--Parameters:link-max-age-days={(int)maxAge.TotalDays}";
        }

        if (RefreshTokenLifetime is { } refreshLifetime)
        {
            yield return $"--Parameters:refresh-token-lifetime-days={(int)refreshLifetime.TotalDays}";
        }

        if (RefreshTokenIdle is { } refreshIdle)
        {
            yield return $"--Parameters:refresh-token-idle-days={(int)refreshIdle.TotalDays}";
        }

        if (AccessTokenLifetime is { } lifetime)
        {
            yield return $"--Parameters:access-token-lifetime-seconds={(int)lifetime.TotalSeconds}";
        }

        if (RefreshReuseLeeway is { } leeway)
        {
            yield return $"--Parameters:refresh-reuse-leeway-seconds={(int)leeway.TotalSeconds}";
        }

        if (KeepAlive is { } keepAlive)
        {
            yield return $"--Parameters:mqtt-keep-alive-seconds={(int)Math.Max(1, keepAlive.TotalSeconds)}";
        }

        if (World is { Length: > 0 } world)
        {
            yield return $"--Parameters:world={world}";
        }

        if (CloudReplicas != 1)
        {
            yield return $"--Parameters:cloud-replicas={CloudReplicas}";
        }

        if (SimulatorReplicas != 1)
        {
            yield return $"--Parameters:simulator-replicas={SimulatorReplicas}";
        }

        if (FleetHomes > 0)
        {
            yield return $"--Parameters:fleet-homes={FleetHomes}";
        }

        foreach (var argument in AppHostArguments)
        {
            yield return argument;
        }
    }
}
