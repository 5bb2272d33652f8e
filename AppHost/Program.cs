using SmartHome.AppHost;
using SmartHome.AppHost.Mqtt;
using SmartHome.AppHost.Redis;
using SmartHome.ServiceDefaults.Worlds;

var builder = DistributedApplication.CreateBuilder(args);

// The world (see docs/worlds.md): a world file or a generated fleet, validated here; a bad file stops
// the start with the loader's message naming the line. The parameters show it in the dashboard.
var world = WorldSettings.From(builder.Configuration, builder.AppHostDirectory);
builder.AddParameterWithDefault(WorldSettings.WorldParameter, WorldSettings.DefaultWorldName)
    .WithDescription("The world file: a name under AppHost/worlds/ (default, two-lamps) or a path. See docs/worlds.md.");
builder.AddParameterWithDefault(WorldSettings.FleetHomesParameter, "0")
    .WithDescription("N > 0: a generated fleet of N homes (home-1 the story's, home-n owned by user-n) instead of the world file.");

// Secrets: generated once and kept in the AppHost's user secrets; tests pass their own.
var ownerPassword = builder.AddParameter("owner-password",
    new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);
var assistantClientSecret = builder.AddParameter("assistant-client-secret",
    new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var gatewaySecret = builder.AddParameter("gateway-secret",
    new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var plugMqttPassword = builder.AddParameter("plug-mqtt-password",
    new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
// The skill's (the vendor's) client secret at the assistant's token service, for the return path's tokens.
var skillClientSecret = builder.AddParameter("skill-client-secret",
    new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
// The people's roles on the home LAN's broker (README, "Watch the home LAN with real MQTT tools"): the story home's
// `observer` (read-only) and `homeassistant` (may also command devices); every other home's derive from these.
var mqttObserverPassword = builder.AddParameter("mqtt-observer-password",
    new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
var mqttHomeAssistantPassword = builder.AddParameter("mqtt-homeassistant-password",
    new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

// The skill the assistant talks to (README, "Point the assistant at your own skill"): by default this project's
// vendor cloud through service discovery; any HTTP service speaking Smart Home API v3 with OAuth 2.0 account linking.
var skill = SkillSettings.AddParameters(builder, world.AssistantClientId);

// The token lifecycle (see README, "Token rot"): the vendor's link policy and lifetimes.
var linkPolicy = builder.AddParameterWithDefault("link-policy", "SignInAge")
    .WithDescription("SignInAge: a link dies once the last interactive sign-in is older than link-max-age-days (the story). Sliding: every use renews it (the fix). "
        + "AbsoluteLifetime: it dies refresh-token-lifetime-days after linking. IdleTimeout: it dies after refresh-token-idle-days without a refresh; "
        + "IdleTimeoutNoLeeway: the same, and a refresh token presented twice (even a lost answer's retry) revokes it. See docs/policy-study.md.");
var linkMaxAgeDays = builder.AddParameterWithDefault("link-max-age-days", "365");
var refreshTokenLifetimeDays = builder.AddParameterWithDefault("refresh-token-lifetime-days", "90")
    .WithDescription("Link policy AbsoluteLifetime: how long a link's refresh token lives from the link, used or not.");
var refreshTokenIdleDays = builder.AddParameterWithDefault("refresh-token-idle-days", "30")
    .WithDescription("Link policies IdleTimeout and IdleTimeoutNoLeeway: how long a refresh token lives without being refreshed.");
var accessTokenLifetime = builder.AddParameterWithDefault("access-token-lifetime-seconds", "3600");
var refreshReuseLeeway = builder.AddParameterWithDefault("refresh-reuse-leeway-seconds", "30");
// The return path (see README, "The return path"): the tokens the assistant grants the vendor to report with.
var eventAccessTokenLifetime = builder.AddParameterWithDefault("event-access-token-lifetime-seconds", "3600")
    .WithDescription("How long the vendor's event-gateway access tokens live (Login with Amazon: 3600).");
var eventRefreshTokenLifetime = builder.AddParameterWithDefault("event-refresh-token-lifetime-days", "0")
    .WithDescription("How long the vendor's event-gateway refresh tokens live; 0: never expire, as Login with Amazon's.");
var plugApplyDelay = builder.AddParameterWithDefault("plug-apply-delay-ms", "0")
    .WithDescription("How long each plug takes to apply a command; a slow one gets a DeferredResponse and an asynchronous Response.");
var skillDisplayName = builder.AddParameterWithDefault("skill-display-name", "My SmartHome");
var assistantDisplayName = builder.AddParameterWithDefault("assistant-display-name", "Assistant");
// Offline detection: the broker publishes a silent plug's last will after 1.5 x this.
var mqttKeepAlive = builder.AddParameterWithDefault("mqtt-keep-alive-seconds", "2")
    .WithDescription("The plug's MQTT keep-alive; a plug that drops off the Wi-Fi is seen offline after 1.5 x this.");

// Tracing: the share of new traces kept (a load run lowers it; see README, "Load and benchmarks").
var traceSampling = builder.AddParameterWithDefault("trace-sampling-ratio", "1")
    .WithDescription("The share of traces kept, 0 to 1 (1: every command traced, as the dashboard's reader wants).");

// Scale-out (docs/scale.md): each cloud as this many replicas behind Aspire's proxy, sharing the world's Redis.
var cloudReplicas = CloudReplicas.AddParameter(builder);

// Each service's own state, and the world's clock, which every service follows.
var redis = builder.AddSmartHomeRedis("redis");

// The chain in the story's order, one resource a part; the wiring between them (which needs every
// resource declared) follows, hop by hop. docs/architecture.md maps each hop to its code.

// Hop "assistant": the voice assistant's cloud (Alexa's role), where the person's words arrive.
var assistantCloud = builder.AddProject<Projects.AssistantCloud>("assistantcloud")
    .WithReplicas(cloudReplicas)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("World__OwnerPassword", ownerPassword)
    .WithSkill(skill, assistantClientSecret)
    .WithEnvironment("Assistant__SkillDisplayName", skillDisplayName)
    .WithEnvironment("Assistant__DisplayName", assistantDisplayName)
    .WithEnvironment("EventGateway__SkillClientId", EventGatewaySettings.SkillClientId)
    .WithEnvironment("EventGateway__SkillClientSecret", skillClientSecret)
    .WithEnvironment("EventGateway__AccessTokenLifetimeSeconds", eventAccessTokenLifetime)
    .WithEnvironment("EventGateway__RefreshTokenLifetimeDays", eventRefreshTokenLifetime)
    .WithHttpHealthCheck("/health")
    .WithAssistantFaultCommands(world.AssistantUser)
    .WithDiagnosisCommand(world.AssistantUser, world.DeviceName)
    .WithConformanceCommand()
    // The person's app: its own endpoint, the people's passwords, the person API's development switch.
    .WithPersonApp(builder, world);

// Hops "link" and "vendor": the maker's cloud, its OAuth server (the account link) and skill endpoint.
var vendorCloud = builder.AddProject<Projects.VendorCloud>("vendorcloud")
    .WithReplicas(cloudReplicas)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("World__OwnerPassword", ownerPassword)
    .WithEnvironment("World__GatewaySecret", gatewaySecret)
    .WithEnvironment("OAuth__ClientId", world.AssistantClientId)
    .WithEnvironment("OAuth__ClientSecret", assistantClientSecret)
    .WithEnvironment("OAuth__LinkPolicy", linkPolicy)
    .WithEnvironment("OAuth__LinkMaxAgeDays", linkMaxAgeDays)
    .WithEnvironment("OAuth__RefreshTokenLifetimeDays", refreshTokenLifetimeDays)
    .WithEnvironment("OAuth__RefreshTokenIdleDays", refreshTokenIdleDays)
    .WithEnvironment("OAuth__AccessTokenLifetimeSeconds", accessTokenLifetime)
    .WithEnvironment("OAuth__RefreshReuseLeewaySeconds", refreshReuseLeeway)
    // The sign-in page names who asks for access (the assistant) and whose account it is.
    .WithEnvironment("OAuth__ClientDisplayName", assistantDisplayName)
    .WithEnvironment("OAuth__ServiceDisplayName", skillDisplayName)
    // The return path: the vendor's client at the assistant's token service, and where it posts its events.
    .WithEnvironment("AssistantEvents__ClientId", EventGatewaySettings.SkillClientId)
    .WithEnvironment("AssistantEvents__ClientSecret", skillClientSecret)
    .WithEnvironment("AssistantEvents__TokenUrl", EventGatewaySettings.TokenUrl)
    .WithEnvironment("AssistantEvents__EventGatewayUrl", EventGatewaySettings.EventGatewayUrl)
    // The conformance check's test account, with its virtual devices (no person's home is touched by a check).
    .WithEnvironment("Conformance__Email", skill.TestAccountEmail)
    .WithEnvironment("Conformance__Password", skill.TestAccountPassword)
    .WithHttpHealthCheck("/health")
    .WithVendorFaultCommands(world.OwnerEmail);
foreach (var (key, value) in world.VendorThrottlingForSeeding())
{
    vendorCloud.WithEnvironment(key, value);
}

// The home LAN's broker: the gateway's own (embedded), or Debian's mosquitto, which the gateway then joins as a client.
var mqttBroker = MqttBrokerModes.From(builder);
// Under `dotnet run` the broker listens on a port a person can type (launchSettings: Mqtt__LanPort=5883); tests pass 0: chosen at start.
int? lanPort = int.TryParse(builder.Configuration["Mqtt:LanPort"], out var configuredLanPort) && configuredLanPort > 0 ? configuredLanPort : null;
builder.AddParameterWithDefault(MqttBrokerModes.Parameter, MqttBrokerModes.Embedded)
    .WithDescription("embedded: the gateway's own MQTT broker. mosquitto: Debian's /usr/sbin/mosquitto, with a password file and ACL made for the world.");
IResourceBuilder<MosquittoResource>? mosquitto = null;
IResourceBuilder<ParameterResource>? mqttBridgePassword = null;
if (mqttBroker == MqttBrokerModes.Mosquitto)
{
    // The bridge's own credential on mosquitto: made up for each run, never stored.
    mqttBridgePassword = builder.AddParameter("mqtt-bridge-password",
        new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: false);
    mosquitto = builder.AddMosquitto("mosquitto", lanPort, world.World, plugMqttPassword, mqttObserverPassword, mqttHomeAssistantPassword, mqttBridgePassword);
}

// Scale-out of the homes' side (docs/scale.md): the simulators as this many shards of the world's homes.
var simulatorShards = SimulatorReplicas.AddParameter(builder, world.World, mosquitto is not null);

// Hops "uplink", "gateway" and "band" (the home's router + hub), "plug" and "lamp" (every device): one gateway process
// and one plug process, or with simulator-replicas = N one pair per shard of the world's homes (docs/scale.md).
var simulators = Enumerable.Range(0, simulatorShards)
    .Select(shard => AddSimulatorShard(shard, simulatorShards))
    .ToList();
var deviceGateway = simulators[0].Gateway;

(IResourceBuilder<ProjectResource> Gateway, IResourceBuilder<ProjectResource> Plug) AddSimulatorShard(int shard, int shards)
{
    var homes = SimulatorShards.HomesOf(world.World, shard, shards);
    var gateway = builder.AddProject<Projects.DeviceGateway>(SimulatorShards.ResourceName("devicegateway", shard))
        .WithReference(redis).WaitFor(redis)
        // The home's broadband: the gateway reaches the vendor cloud only through this YARP edge.
        .WithHttpEndpoint(name: "wan", env: "Wan__Port", isProxied: false)
        // The home LAN's MQTT broker, which the plug joins over "Wi-Fi" (the fixed port is shard 0's).
        .WithEndpoint(name: "mqtt", scheme: "tcp", port: mosquitto is null && shard == 0 ? lanPort : null, env: "Mqtt__Port", isProxied: false)
        // One gateway runs every home of the world (World__File / World__FleetHomes below), or of its shard; each home's
        // uplink secret is derived from this one (the story home's is this one itself).
        .WithEnvironment("World__GatewaySecret", gatewaySecret)
        // Each device joins the LAN broker with its own credentials (username = its MQTT name), derived from this seed.
        .WithEnvironment("Mqtt__DevicePasswordSeed", plugMqttPassword)
        .WithEnvironment("Mqtt__ObserverPassword", mqttObserverPassword)
        .WithEnvironment("Mqtt__HomeAssistantPassword", mqttHomeAssistantPassword)
        .WithHttpHealthCheck("/health")
        .WithGatewayFaultCommands(homes[0].Id);

    if (mosquitto is not null && mqttBridgePassword is not null)
    {
        // The gateway runs no broker: its "mqtt" endpoint is the 2.4 GHz band, relaying each device to mosquitto.
        gateway.WaitFor(mosquitto)
            .WithEnvironment("Mqtt__Broker", "external")
            .WithEnvironment("Mqtt__BrokerUrl", mosquitto.Resource.Endpoint)
            .WithEnvironment("Mqtt__BridgePassword", mqttBridgePassword);
    }

    // Every device of the world (the story's: the dimmable plug and the lamp it feeds), or of the shard, each on its own
    // MQTT session, in one process. Who they are comes from the world; each one's broker password is derived from the one
    // parameter (WorldSecrets.DeviceMqttPassword).
    var plug = builder.AddProject<Projects.SimulatedPlug>(SimulatorShards.ResourceName("simulatedplug", shard))
        .WithReference(redis).WaitFor(redis)
        .WithEnvironment("Mqtt__KeepAliveSeconds", mqttKeepAlive)
        .WithEnvironment("Mqtt__DevicePasswordSeed", plugMqttPassword)
        .WithEnvironment("Plug__ApplyDelayMs", plugApplyDelay)
        .WithHttpHealthCheck("/health")
        .WithPlugFaultCommands(homes[0].Id, homes[0].Devices[0].Id);

    if (shard > 0)
    {
        // The launch profile's port (5300, 5400) is shard 0's: a second proxy on it would take shard 0's URL as well.
        gateway.WithEndpoint("http", endpoint => endpoint.Port = null);
        plug.WithEndpoint("http", endpoint => endpoint.Port = null);
    }

    if (shards > 1)
    {
        // A StatefulSet's ordinal: the shard is the resource's for good, restarts included.
        foreach (var simulator in new[] { gateway, plug })
        {
            simulator.WithEnvironment("Simulator__Shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Simulator__Shards", shards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    return (gateway, plug);
}

if (DirectCloudEndpoints.From(builder, cloudReplicas))
{
    assistantCloud.WithDirectHttpEndpoint();
    vendorCloud.WithDirectHttpEndpoint();
}

// Wiring, "link" and "vendor": the assistant calls the vendor's OAuth server and skill endpoint; the
// assistant's OAuth callback is registered at the vendor as the only redirect_uri of its client.
assistantCloud.WithReference(vendorCloud).WaitFor(vendorCloud);
var linkCallback = ReferenceExpression.Create($"{assistantCloud.GetEndpoint("http")}/api/link/callback");
vendorCloud.WithEnvironment("OAuth__RedirectUri", linkCallback);
assistantCloud.WithEnvironment("Linking__RedirectUri", linkCallback);

// Wiring, the return path: the vendor posts its reports to the assistant's event gateway (service discovery;
// no WaitFor, which would be a cycle: the assistant waits for the vendor). Amazon's schema, when the shared
// folder is beside the repository, validates every event (never copied into the repository).
vendorCloud.WithReference(assistantCloud);
if (EventGatewaySettings.SchemaPath(builder.AppHostDirectory) is { } schemaPath)
{
    assistantCloud.WithEnvironment("EventGateway__SchemaPath", schemaPath);
}

foreach (var (gateway, plug) in simulators)
{
    // Wiring, "uplink": the gateway dials the vendor out through its own WAN edge (each shard's for its own homes).
    gateway.WithReference(vendorCloud).WaitFor(vendorCloud)
        .WithEnvironment("Uplink__Url", gateway.GetEndpoint("wan"));

    // Wiring, "band" and "plug": the plug joins its shard's gateway's LAN broker.
    plug.WaitFor(gateway)
        .WithEnvironment("Mqtt__Url", gateway.GetEndpoint("mqtt"));
}

// The diagnosis also asks the home's gateway, as the maker's app on a phone at home would: with shards, the one of the
// home's shard (Diagnosis__GatewayUrls, shard k at k).
assistantCloud.WithEnvironment("Diagnosis__GatewayUrl", deviceGateway.GetEndpoint("http"));
if (simulators.Count > 1)
{
    for (var shard = 0; shard < simulators.Count; shard++)
    {
        assistantCloud.WithEnvironment($"Diagnosis__GatewayUrls__{shard}", simulators[shard].Gateway.GetEndpoint("http"));
    }
}

IResourceBuilder<ProjectResource>[] services = [assistantCloud, vendorCloud, .. simulators.SelectMany(s => new[] { s.Gateway, s.Plug })];
builder.AddWorldCommands(services);
// The chaos monkey (README, "Write your own chaos test"): started and stopped from the dashboard, its findings the result.
builder.AddChaosMonkey(world);
foreach (var project in services)
{
    // Every service loads the same world, through the same loader, from the same source.
    foreach (var (key, value) in world.ServiceConfiguration())
    {
        project.WithEnvironment(key, value);
    }

    project.WithEnvironment("Telemetry__TraceSamplingRatio", traceSampling);
    // Without this each service blocks ~10 s on shutdown flushing OTLP to a dashboard that is gone.
    project.WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
    // Every endpoint is plain HTTP on loopback: no dev certificate is needed, so none is checked
    // (else the dashboard opens on a red "No trusted development certificate" banner).
#pragma warning disable ASPIRECERTIFICATES001 // evaluation API; the alternative is a red banner on every start
    project.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
}

builder.Build().Run();
