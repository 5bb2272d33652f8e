using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.Testing;

/// <summary>
/// The whole chain, started from the AppHost with Aspire.Hosting.Testing: the person's assistant, the vendor cloud, the
/// home's gateway, its plugs and Redis, plus the dashboard. Its verbs do what the dashboard's commands do, through the
/// same <c>/sim</c> switches; every fault verb returns a handle whose disposal undoes it.
/// <code>
/// await using var world = await SmartHomeWorld.StartAsync(options => options.LinkPolicy = LinkPolicy.Sliding);
/// await using (await world.Plug().WifiOffAsync())
/// {
///     var answer = await world.SayAsync("turn on the bedroom lamp");
/// }
/// </code>
/// </summary>
public sealed class SmartHomeWorld : IAsyncDisposable
{
    /// <summary>The resources that must be healthy before the world is handed out.</summary>
    public static readonly IReadOnlyList<string> ResourceNames = ["redis", "vendorcloud", "assistantcloud", "devicegateway", "simulatedplug"];

    /// <summary>The vendor's skill, as the assistant lists it.</summary>
    public const string Skill = "smarthome-vendor";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly DistributedApplication? _app;
    private readonly string? _dataDir;
    private readonly Lazy<HttpClient> _dashboard;
    // Each cloud's replicas (InstancesAsync; a dashboard command runs on the first): the app model's instance names do not change.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _replicaInstances = new(StringComparer.Ordinal);

    internal SmartHomeWorld(IServiceProvider services, DistributedApplication? app, SmartHomeWorldOptions options, WorldSecrets secrets, string? dataDir)
    {
        Services = services;
        _app = app;
        Options = options;
        Secrets = secrets;
        _dataDir = dataDir;
        Clock = new WorldClock(this);
        Traces = new WorldTraces(this);
        Logs = new WorldLogs(this);
        _dashboard = new Lazy<HttpClient>(() =>
        {
            var http = new HttpClient { BaseAddress = DashboardUrl, Timeout = options.RequestTimeout };
            http.DefaultRequestHeaders.Add("x-api-key", secrets.DashboardApiKey);
            return http;
        });
    }

    /// <summary>
    /// A world over an AppHost that is already running, from its services (the AppHost's own, in a dashboard command):
    /// the same verbs and monkey as a started world's. <paramref name="options"/> say what the AppHost was started with
    /// (its world, link policy, owner's password and secret parameters). Disposing it stops nothing.
    /// </summary>
    public static SmartHomeWorld Attach(IServiceProvider services, SmartHomeWorldOptions options) => new(services, null, options, new WorldSecrets(options), null);

    /// <summary>The running AppHost, for whatever the verbs do not cover (a world from <see cref="Attach"/> has none).</summary>
    public DistributedApplication App => _app ?? throw new InvalidOperationException("This world was attached to a running AppHost: it has its services, not its DistributedApplication.");

    /// <summary>The running AppHost's services (Aspire's resource commands and notifications, the application model).</summary>
    public IServiceProvider Services { get; }

    public SmartHomeWorldOptions Options { get; }

    /// <summary>The secrets the world was given and has handed out: what must never show up in its telemetry.</summary>
    public WorldSecrets Secrets { get; }

    /// <summary>The world's one clock, which every service follows.</summary>
    public WorldClock Clock { get; }

    /// <summary>Traces, from the dashboard's telemetry API.</summary>
    public WorldTraces Traces { get; }

    /// <summary>Log records, from the dashboard's telemetry API.</summary>
    public WorldLogs Logs { get; }

    /// <summary>The dashboard (its telemetry API answers with the world's key).</summary>
    public Uri DashboardUrl => GetEndpoint("aspire-dashboard");

    internal HttpClient Dashboard => _dashboard.Value;

    /// <summary>Where one of the world's resources listens (its endpoint <paramref name="endpointName"/>, allocated at start).</summary>
    public Uri GetEndpoint(string resource, string endpointName = "http")
    {
        var model = Services.GetRequiredService<DistributedApplicationModel>();
        var withEndpoints = model.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == resource)
                            ?? throw new SmartHomeWorldException($"The world has no resource '{resource}' with endpoints");
        return new Uri(withEndpoints.GetEndpoint(endpointName).Url);
    }

    /// <summary>A resource's connection string (<c>redis</c>), as the services get it.</summary>
    public async Task<string?> GetConnectionStringAsync(string resource, CancellationToken cancellationToken = default)
    {
        var model = Services.GetRequiredService<DistributedApplicationModel>();
        var withConnection = model.Resources.OfType<IResourceWithConnectionString>().FirstOrDefault(r => r.Name == resource)
                             ?? throw new SmartHomeWorldException($"The world has no resource '{resource}' with a connection string");
        return await withConnection.GetConnectionStringAsync(cancellationToken);
    }

    internal IEnumerable<string> RequiredResources =>
        Options.MqttBroker.Equals("mosquitto", StringComparison.OrdinalIgnoreCase) ? [.. ResourceNames, "mosquitto"] : [.. ResourceNames, .. ShardResources];

    // The simulators' shards beyond the first (devicegateway-2, simulatedplug-2, ...), when there are several.
    private IEnumerable<string> ShardResources =>
        GatewayResources.Skip(1).Concat(SimulatorShardNames.ResourceNames(SimulatorShardNames.Plug, Options.SimulatorReplicas).Skip(1));

    /// <summary>Every gateway shard's resource (<c>devicegateway</c>, <c>devicegateway-2</c>, ...; one unless <see cref="SmartHomeWorldOptions.SimulatorReplicas"/> says).</summary>
    public IReadOnlyList<string> GatewayResources => SimulatorShardNames.ResourceNames(SimulatorShardNames.Gateway, Options.SimulatorReplicas);

    /// <summary>The gateway resource that runs <paramref name="home"/> (its simulator shard's; <c>devicegateway</c> when not sharded).</summary>
    public string GatewayResource(string home) =>
        SimulatorShardNames.ResourceName(SimulatorShardNames.Gateway, SimulatorShardNames.ShardOf(home, Options.SimulatorReplicas));

    /// <summary>The plug resource that runs <paramref name="home"/>'s devices (its simulator shard's; <c>simulatedplug</c> when not sharded).</summary>
    public string PlugResource(string home) =>
        SimulatorShardNames.ResourceName(SimulatorShardNames.Plug, SimulatorShardNames.ShardOf(home, Options.SimulatorReplicas));

    /// <summary>Waits until each of <paramref name="resources"/> is healthy; the timeout's message names the ones that are not, with their state.</summary>
    internal async Task WaitHealthyAsync(IEnumerable<string> resources, CancellationToken token, TimeSpan timeout, CancellationToken callerToken)
    {
        var names = resources.ToList();
        try
        {
            await Task.WhenAll(names.Select(name => WaitForHealthyAsync(name, token)));
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            var unhealthy = names.SelectMany(ResolvedNames)
                .Select(name => (name, state: Notifications.TryGetCurrentState(name, out var e) ? e.Snapshot : null))
                .Where(r => r.state?.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                .Select(r => $"{r.name} (state {r.state?.State?.Text ?? "unknown"}, health {r.state?.HealthStatus?.ToString() ?? "none"}"
                             + string.Concat((r.state?.HealthReports ?? []).Where(h => h.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                                 .Select(h => $"; {h.Name}: {h.Description ?? h.ExceptionText ?? h.Status?.ToString()}")) + ")");
            throw new TimeoutException($"Not healthy within {timeout.TotalSeconds:0} s: {string.Join(", ", unhealthy)}.");
        }
    }

    private ResourceNotificationService Notifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>
    /// Waits until <paramref name="resource"/> is healthy: each of its replicas when the clouds run as several. (Aspire's
    /// <c>WaitForResourceHealthyAsync(name)</c> returns as soon as one replica is, and the other may still be starting.)
    /// </summary>
    public async Task WaitForHealthyAsync(string resource, CancellationToken cancellationToken = default)
    {
        if (Options.CloudReplicas <= 1 || resource is not ("assistantcloud" or "vendorcloud"))
        {
            await Notifications.WaitForResourceHealthyAsync(resource, cancellationToken);
            return;
        }

        var replicas = await InstancesAsync(resource, cancellationToken);
        await Task.WhenAll(replicas.Select(id => Notifications.WaitForResourceAsync(resource,
            e => e.ResourceId == id && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, cancellationToken)));
    }

    // The ids Aspire runs a resource under, as far as known (its replicas' once InstancesAsync has seen them).
    private IReadOnlyList<string> ResolvedNames(string resource) => _replicaInstances.TryGetValue(resource, out var replicas) ? replicas : [resource];

    /// <summary>A client for one of the world's resources (<c>assistantcloud</c>, <c>vendorcloud</c>, <c>devicegateway</c>, <c>simulatedplug</c>).</summary>
    public HttpClient CreateHttpClient(string resource)
    {
        var client = Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = GetEndpoint(resource);
        client.Timeout = Options.RequestTimeout;
        return client;
    }

    /// <summary>
    /// What a person says to the assistant (<c>POST /api/utterances</c>). An answer is always returned, a failure too; an
    /// assistant outage answers 503 with Outcome <c>ServiceUnavailable</c> (<see cref="UtteranceAnswer.StatusCode"/>).
    /// Any other non-success status throws: the assistant never answers a person with a server error.
    /// </summary>
    public async Task<UtteranceAnswer> SayAsync(string text, string user = "owner", CancellationToken cancellationToken = default)
    {
        using var client = CreateHttpClient("assistantcloud");
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/utterances", new { user, text }, Json, cancellationToken)
            .WaitAsync(Options.RequestTimeout, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = stopwatch.Elapsed;
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            return new UtteranceAnswer(body, "ServiceUnavailable", null, "", null, null, null) { StatusCode = 503, Elapsed = elapsed };
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SmartHomeWorldException($"POST /api/utterances '{text}' for {user} answered {(int)response.StatusCode}: {body}");
        }

        var answer = JsonSerializer.Deserialize<UtteranceAnswer>(body, Json)
                     ?? throw new SmartHomeWorldException($"Empty answer to '{text}'");
        return answer with { StatusCode = (int)response.StatusCode, Elapsed = elapsed };
    }

    /// <summary>Says <paramref name="text"/> until the outcome is <paramref name="outcome"/> (recovery takes a reconnect), bounded by the eventual timeout.</summary>
    public async Task<UtteranceAnswer> SayUntilAsync(string text, string outcome = "Success", string user = "owner",
        CancellationToken cancellationToken = default)
    {
        UtteranceAnswer? last = null;
        await EventuallyAsync(async () => (last = await SayAsync(text, user, cancellationToken)).Outcome == outcome,
            () => $"{user}'s '{text}' answers {outcome} (last: {last})", cancellationToken);
        return last!;
    }

    /// <summary>The assistant's diagnosis of the chain to <paramref name="device"/> (<c>GET /api/diagnose</c>).</summary>
    public async Task<DiagnosisReport> DiagnoseAsync(string device = "bedroom lamp", string user = "owner", CancellationToken cancellationToken = default)
    {
        using var assistant = CreateHttpClient("assistantcloud");
        var path = $"/api/diagnose?user={Uri.EscapeDataString(user)}&device={Uri.EscapeDataString(device)}";
        return await assistant.GetFromJsonAsync<DiagnosisReport>(path, Json, cancellationToken).WaitAsync(Options.RequestTimeout, cancellationToken)
               ?? throw new SmartHomeWorldException($"The diagnosis of {device} was empty");
    }

    /// <summary>Diagnoses until <paramref name="hop"/> is the first failing one (null: healthy); a fault takes a moment to be seen.</summary>
    public async Task<DiagnosisReport> DiagnoseUntilAsync(string? hop, string device = "bedroom lamp", string user = "owner",
        CancellationToken cancellationToken = default)
    {
        DiagnosisReport? last = null;
        await EventuallyAsync(async () => (last = await DiagnoseAsync(device, user, cancellationToken)).FirstFailingHop == hop,
            () => $"{user}'s diagnosis of {device} names {hop ?? "no hop"} first (last: {last})", cancellationToken);
        return last!;
    }

    /// <summary>One plug (the story's bedroom lamp unless <paramref name="home"/> and <paramref name="device"/> say).</summary>
    public PlugControl Plug(string? home = null, string? device = null) => new(this, home, device);

    /// <summary>One home's gateway and router (the story's home unless <paramref name="home"/> says).</summary>
    public GatewayControl Gateway(string? home = null) => new(this, home);

    /// <summary>The vendor cloud; its token faults act on <paramref name="email"/>'s account (the owner's by default).</summary>
    public VendorControl Vendor(string? email = null) => new(this, email ?? Options.OwnerEmail);

    /// <summary>The assistant's cloud.</summary>
    public AssistantControl Assistant() => new(this);

    /// <summary>The world's Redis (every service's store).</summary>
    public RedisControl Redis() => new(this);

    /// <summary>A person's link to the vendor's skill.</summary>
    public async Task<SkillLink> GetLinkAsync(string user = "owner", CancellationToken cancellationToken = default)
    {
        using var client = CreateHttpClient("assistantcloud");
        var skills = await client.GetFromJsonAsync<SkillLink[]>($"/api/users/{user}/skills", Json, cancellationToken)
            .WaitAsync(Options.RequestTimeout, cancellationToken);
        return skills?.SingleOrDefault(s => s.SkillId == Skill) ?? throw new SmartHomeWorldException($"{user} has no {Skill} skill");
    }

    /// <summary>
    /// The owner links again as a person does: "Link again" in the assistant's app, the vendor's sign-in page with the
    /// owner's password, back to the assistant. Throws unless the link is <c>Linked</c> afterwards.
    /// </summary>
    public Task RelinkAsync(CancellationToken cancellationToken = default) =>
        RelinkAsync("owner", Options.OwnerEmail, Options.OwnerPassword, cancellationToken);

    /// <summary>
    /// A person links (again) as a person does: "Link again" (or "Enable to use") in the assistant's app, the vendor's
    /// sign-in page with the account's <paramref name="password"/>, back to the assistant. Throws unless the link is
    /// <c>Linked</c> afterwards. A fleet's people and passwords: <see cref="FleetPerson"/>.
    /// </summary>
    public async Task RelinkAsync(string user, string email, string password, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Options.RequestTimeout * 2);
        using var assistant = CreateHttpClient("assistantcloud");
        using var start = await assistant.PostAsync($"/api/users/{Uri.EscapeDataString(user)}/skills/{Skill}/link", null, cts.Token);
        var started = await start.Content.ReadAsStringAsync(cts.Token);
        if (!start.IsSuccessStatusCode)
        {
            throw new SmartHomeWorldException($"Link again answered {(int)start.StatusCode}: {started}");
        }

        var authorizeUrl = new Uri(JsonDocument.Parse(started).RootElement.GetProperty("authorizeUrl").GetString()!);
        var callback = await PersonsBrowser.SignInAsync(authorizeUrl, email, password, cts.Token);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Secrets.Remember(query["code"]);
        Secrets.Remember(query["state"]);
        using var browser = new HttpClient();
        using var finish = await browser.GetAsync(callback, cts.Token);
        if (!finish.IsSuccessStatusCode)
        {
            throw new SmartHomeWorldException($"The link's callback answered {(int)finish.StatusCode}: {await finish.Content.ReadAsStringAsync(cts.Token)}");
        }

        if ((await GetLinkAsync(user, cts.Token)).State != "Linked")
        {
            throw new SmartHomeWorldException($"After signing in again {user}'s link is not Linked");
        }
    }

    /// <summary>Links the owner again unless linked.</summary>
    public async Task EnsureLinkedAsync(CancellationToken cancellationToken = default)
    {
        if ((await GetLinkAsync("owner", cancellationToken)).State != "Linked")
        {
            await RelinkAsync(cancellationToken);
        }
    }

    /// <summary>"Reset the world": back to the freshly seeded world (clock, links, lamps, faults).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await PostAsync("assistantcloud", "/sim/world/reset", null, cancellationToken, TimeSpan.FromMinutes(2));
    }

    /// <summary>Runs a resource's dashboard command, as a person clicking it would (on its first replica, when it has several).</summary>
    public async Task<string?> RunDashboardCommandAsync(string resource, string command, CancellationToken cancellationToken = default)
    {
        var commands = Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(await CommandTargetAsync(resource, cancellationToken), command, cancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return result.Success ? result.Message : throw new SmartHomeWorldException($"{command} on {resource}: {result.Message}");
    }

    /// <summary>
    /// Where a dashboard command of <paramref name="resource"/> runs: the resource itself, or, when the clouds run as several
    /// replicas (<see cref="SmartHomeWorldOptions.CloudReplicas"/>), the resource's first replica, as a person clicking the
    /// command on that replica's row would. The AppHost's commands act on the world, whichever replica runs them; running
    /// them on every replica would, say, advance the clock once per replica.
    /// </summary>
    public async Task<string> CommandTargetAsync(string resource, CancellationToken cancellationToken = default) =>
        (await InstancesAsync(resource, cancellationToken))[0];

    /// <summary>
    /// The names <paramref name="resource"/> runs under, as the dashboard lists them (its rows, its telemetry's resources):
    /// the resource's own name, or, when the clouds run as several replicas (<see cref="SmartHomeWorldOptions.CloudReplicas"/>),
    /// each replica's (say <c>vendorcloud-x7k2p</c>), in order.
    /// </summary>
    public async Task<IReadOnlyList<string>> InstancesAsync(string resource, CancellationToken cancellationToken = default)
    {
        if (Options.CloudReplicas <= 1 || resource is not ("assistantcloud" or "vendorcloud"))
        {
            return [resource];
        }

        if (_replicaInstances.TryGetValue(resource, out var known))
        {
            return known;
        }

        // The current state of every resource comes first in the watch: read until the resource's replicas are all seen.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watching.CancelAfter(TimeSpan.FromSeconds(10));
        var instances = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var resourceEvent in Services.GetRequiredService<ResourceNotificationService>().WatchAsync(watching.Token))
            {
                if (resourceEvent.Resource.Name == resource && instances.Add(resourceEvent.ResourceId) && instances.Count == Options.CloudReplicas)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return instances.Count == 0
            ? throw new SmartHomeWorldException($"No replica of {resource} is known to the app model.")
            : _replicaInstances.GetOrAdd(resource, [.. instances]);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> says <paramref name="what"/> after the eventual timeout.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Options.EventuallyTimeout)
            {
                throw new TimeoutException($"Timed out after {Options.EventuallyTimeout.TotalSeconds:0} s waiting until {what()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    internal async Task<JsonElement> PostAsync(string resource, string path, object? body, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var client = CreateHttpClient(resource);
        if (timeout is { } longer)
        {
            client.Timeout = longer;
        }

        using var response = await (body is null ? client.PostAsync(path, null, cancellationToken) : client.PostAsJsonAsync(path, body, Json, cancellationToken))
            .WaitAsync(timeout ?? Options.RequestTimeout, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SmartHomeWorldException($"{resource} POST {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    internal async Task<T> GetAsync<T>(string resource, string path, CancellationToken cancellationToken)
    {
        using var client = CreateHttpClient(resource);
        return await client.GetFromJsonAsync<T>(path, Json, cancellationToken).WaitAsync(Options.RequestTimeout, cancellationToken)
               ?? throw new SmartHomeWorldException($"{resource} GET {path} was empty");
    }

    /// <summary>A resource restarts (the dashboard's Restart) and is waited for until healthy; the handle is already undone: a restart ends by itself.</summary>
    internal async Task<ActiveFault> RestartResourceAsync(string resource, string faultName, CancellationToken cancellationToken)
    {
        await ExecuteLifecycleAsync(resource, KnownResourceCommands.RestartCommand, cancellationToken);
        var fault = new ActiveFault(faultName, _ => Task.CompletedTask);
        await fault.UndoAsync(cancellationToken);
        return fault;
    }

    /// <summary>A resource stops (the dashboard's Stop); undo: Start, waited for until healthy.</summary>
    internal async Task<ActiveFault> StopResourceAsync(string resource, string faultName, CancellationToken cancellationToken)
    {
        await ExecuteLifecycleAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);
        return new ActiveFault(faultName, token => ExecuteLifecycleAsync(resource, KnownResourceCommands.StartCommand, token));
    }

    /// <summary>Stops (Aspire's Stop), starts or restarts a resource and, when it runs again, waits until it is healthy.</summary>
    internal async Task ExecuteLifecycleAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var commands = Services.GetRequiredService<ResourceCommandService>();
        // The resource as a whole: with replicas, Aspire stops (starts, restarts) every one of them.
        var target = Services.GetRequiredService<DistributedApplicationModel>().Resources.FirstOrDefault(r => r.Name == resource);
        var result = await (target is null
                ? commands.ExecuteCommandAsync(resource, command, cancellationToken)
                : commands.ExecuteCommandAsync(target, command, cancellationToken))
            .WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        if (!result.Success)
        {
            throw new SmartHomeWorldException($"{command} of {resource}: {result.Message}");
        }

        if (command != KnownResourceCommands.StopCommand)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(Options.StartTimeout);
            await WaitHealthyAsync([resource], cts.Token, Options.StartTimeout, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dashboard.IsValueCreated)
        {
            _dashboard.Value.Dispose();
        }

        if (_app is null)
        {
            return;
        }

        try
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            // Disposal below kills what did not stop.
        }

        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir!, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>The world answered what no person should get (a server error, an empty answer) or a verb could not be done.</summary>
public sealed class SmartHomeWorldException(string message) : Exception(message);
