using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Vendor;
using SmartHome.ServiceDefaults.Worlds;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// At start-up: makes sure every person of the world exists, links the vendor's skill for each one
/// who never had a link (playing the person's browser, through the real code + PKCE flow), and runs
/// Discovery. An Expired or Unlinked link is left alone. Idempotent across restarts; each person is
/// retried with backoff while the vendor (or Redis) is not reachable yet. People are seeded a few at
/// a time, so that a fleet's thousand links take seconds, not minutes, without flooding the vendor.
/// </summary>
internal sealed partial class AssistantWorldSeeder(
    IServiceScopeFactory scopes,
    SeedStatus status,
    WorldSource worldSource,
    IOptions<WorldOptions> secrets,
    IOptions<SkillOptions> skill,
    TimeProvider timeProvider,
    ILogger<AssistantWorldSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    /// <summary>People seeded at once: the vendor's sign-in hashes a password per link, on the same few cores.</summary>
    public const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SeedUntilDoneAsync(stoppingToken);
        // A world file edited while the assistant runs: a person added is linked (the others are left as they are).
        worldSource.Changed += async (_, cancellationToken) => await SeedUntilDoneAsync(cancellationToken);
    }

    /// <summary>Seeds again, as at start-up (after a reset of the world wiped the assistant's state); throws when cancelled first.</summary>
    public async Task ReseedAsync(CancellationToken cancellationToken)
    {
        status.Report("seeding again");
        await SeedUntilDoneAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SeedUntilDoneAsync(CancellationToken stoppingToken)
    {
        if (!skill.Value.IsVendorCloud)
        {
            // The world's accounts live at this project's vendor cloud, not at a skill someone pointed the assistant at.
            status.Complete("the skill is not this project's vendor cloud: nobody is linked at start; link in a browser (POST /api/users/{user}/skills/smarthome-vendor/link)");
            return;
        }

        var world = worldSource.Current;
        var people = world.People.Where(p => p.VendorAccount is not null).ToList();
        if (people.Count == 0)
        {
            status.Complete("no person of the world has a vendor account: nothing to link");
            return;
        }

        var started = timeProvider.GetTimestamp();
        var seeded = 0;
        string? last = null;
        try
        {
            await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (person, cancellationToken) =>
                {
                    var state = await SeedPersonUntilDoneAsync(world, person, cancellationToken);
                    last = people.Count == 1 ? state : $"{Interlocked.Increment(ref seeded)} of {people.Count} people seeded";
                    status.Report(last);
                });
            var elapsed = timeProvider.GetElapsedTime(started);
            var done = people.Count == 1 ? last! : $"{people.Count} people seeded in {elapsed.TotalSeconds:0.0} s";
            status.Complete(done);
            LogWorldSeeded(people.Count, elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<string> SeedPersonUntilDoneAsync(World world, WorldPerson person, CancellationToken stoppingToken)
    {
        // What heals by itself (the vendor or Redis not reachable yet, a discovery that failed) is retried with
        // backoff, as long as it takes; anything else ends the seeding.
        var untilSeeded = new ResiliencePipelineBuilder<string?> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<string?>
            {
                ShouldHandle = new PredicateBuilder<string?>()
                    .HandleResult(seeded => seeded is null)
                    .Handle<HttpRequestException>()
                    .Handle<SeedingException>()
                    .Handle<SeedingElsewhereException>()
                    .Handle<VendorUnavailableException>()
                    .Handle<AuthorizationServerMetadataException>()
                    .Handle<RedisException>()
                    .Handle<TaskCanceledException>(_ => !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                OnRetry = retry =>
                {
                    if (retry.Outcome.Exception is SeedingElsewhereException elsewhere)
                    {
                        status.Report($"{person.Id}: {elsewhere.Message}");
                    }
                    else if (retry.Outcome.Exception is { } ex)
                    {
                        var attempt = retry.AttemptNumber + 1;
                        status.Report($"{person.Id}: attempt {attempt} failed: {ex.Message}");
                        LogAttemptFailed(person.Id, attempt, ex.Message, retry.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
        var done = (await untilSeeded.ExecuteAsync(async cancellationToken => await SeedAsync(world, person, cancellationToken), stoppingToken))!;
        LogSeeded(person.Id, done);
        return done;
    }

    /// <summary>A description of the seeded state, or null when this attempt must be retried.</summary>
    private async Task<string?> SeedAsync(World world, WorldPerson person, CancellationToken cancellationToken)
    {
        // One trace per attempt, so that the dashboard shows the seeding's link and discovery together.
        using var activity = AssistantCloudTelemetry.Source.StartActivity("seed world");
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, person.Id);
        try
        {
            var seeded = await SeedCoreAsync(world, person, cancellationToken);
            if (seeded is null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "discovery failed");
            }

            return seeded;
        }
        catch (SeedingElsewhereException elsewhere)
        {
            // Not red in the dashboard: waiting for another replica's link is how several replicas seed once.
            activity?.SetTag("smarthome.seeding.outcome", elsewhere.Message);
            throw;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<string?> SeedCoreAsync(World world, WorldPerson person, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IAssistantStore>();
        const string skill = Skills.VendorSkillId;
        var user = person.Id;

        await store.EnsureUserAsync(user, cancellationToken);
        var link = await store.GetLinkAsync(user, skill, cancellationToken);
        if (link is { State: LinkState.Expired or LinkState.Unlinked })
        {
            // The link expired or the person disabled the skill: linking again is the person's
            // decision, not the seeding's (and an expired link must stay visible across restarts).
            return $"left {link.State}: only the person links again";
        }

        if (link is null)
        {
            // Several replicas seed at once: one links, the others retry and find its link.
            var leases = services.GetService<SeedingLeases>();
            var lease = leases is null ? null : await leases.TryTakeAsync(user, cancellationToken)
                ?? throw new SeedingElsewhereException(user);
            try
            {
                // Read again under the lease: the replica that held it may have just linked the person.
                if (lease is null || await store.GetLinkAsync(user, skill, cancellationToken) is null)
                {
                    status.Report($"{user}: linking");
                    var email = person.VendorAccount!;
                    var password = WorldSecrets.AccountPassword(world, email, secrets.Value.OwnerPassword);
                    var completion = await services.GetRequiredService<BrowserLinker>().LinkAsync(user, skill, email, password, cancellationToken);
                    if (completion.Discovery is { Succeeded: true } linkedAndDiscovered)
                    {
                        return $"linked; {linkedAndDiscovered.EndpointCount} endpoints discovered";
                    }
                }
            }
            finally
            {
                if (lease is not null)
                {
                    await leases!.ReleaseAsync(user, lease);
                }
            }
        }

        status.Report($"{user}: discovering");
        var discovery = await services.GetRequiredService<DiscoveryService>().DiscoverAsync(user, skill, cancellationToken);
        if (!discovery.Succeeded)
        {
            status.Report($"{user}: discovery failed: {discovery.Problem}");
            LogDiscoveryFailed(user, discovery.Problem);
            return null;
        }

        return $"linked; {discovery.EndpointCount} endpoints discovered";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {User}: {State}")]
    private partial void LogSeeded(string user, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "World seeded: {People} people in {ElapsedMilliseconds:0} ms")]
    private partial void LogWorldSeeded(int people, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding {User}, attempt {Attempt} failed: {Reason}; retrying in {Delay}")]
    private partial void LogAttemptFailed(string user, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding discovery for {User} failed: {Problem}")]
    private partial void LogDiscoveryFailed(string user, string? problem);
}
