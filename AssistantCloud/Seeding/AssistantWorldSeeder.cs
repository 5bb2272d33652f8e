using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Vendor;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// At start-up: makes sure the world's user exists, links the vendor's skill if the user never had
/// a link (playing the person's browser), and runs Discovery. An Expired or Unlinked link is left
/// alone. Idempotent across restarts; retries with
/// backoff while the vendor (or Redis) is not reachable yet.
/// </summary>
internal sealed partial class AssistantWorldSeeder(
    IServiceScopeFactory scopes,
    SeedStatus status,
    IOptions<WorldOptions> world,
    TimeProvider timeProvider,
    ILogger<AssistantWorldSeeder> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => SeedUntilDoneAsync(stoppingToken);

    /// <summary>Seeds again, as at start-up (after a reset of the world wiped the assistant's state); throws when cancelled first.</summary>
    public async Task ReseedAsync(CancellationToken cancellationToken)
    {
        status.Report("seeding again");
        await SeedUntilDoneAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SeedUntilDoneAsync(CancellationToken stoppingToken)
    {
        var user = world.Value.User;
        if (string.IsNullOrWhiteSpace(user))
        {
            status.Complete("no World:User configured: nothing to seed");
            return;
        }

        // What heals by itself (the vendor or Redis not reachable yet, a discovery that failed) is retried with
        // backoff, as long as it takes; anything else ends the seeding.
        var untilSeeded = new ResiliencePipelineBuilder<string?> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<string?>
            {
                ShouldHandle = new PredicateBuilder<string?>()
                    .HandleResult(seeded => seeded is null)
                    .Handle<HttpRequestException>()
                    .Handle<SeedingException>()
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
                    if (retry.Outcome.Exception is { } ex)
                    {
                        var attempt = retry.AttemptNumber + 1;
                        status.Report($"attempt {attempt} failed: {ex.Message}");
                        LogAttemptFailed(attempt, ex.Message, retry.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
        try
        {
            if (await untilSeeded.ExecuteAsync(async cancellationToken => await SeedAsync(user, cancellationToken), stoppingToken) is { } done)
            {
                status.Complete(done);
                LogSeeded(user, done);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A description of the seeded state, or null when this attempt must be retried.</summary>
    private async Task<string?> SeedAsync(string user, CancellationToken cancellationToken)
    {
        // One trace per attempt, so that the dashboard shows the seeding's link and discovery together.
        using var activity = AssistantCloudTelemetry.Source.StartActivity("seed world");
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        try
        {
            var seeded = await SeedCoreAsync(user, cancellationToken);
            if (seeded is null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "discovery failed");
            }

            return seeded;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<string?> SeedCoreAsync(string user, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IAssistantStore>();
        const string skill = Skills.VendorSkillId;

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
            status.Report("linking");
            var completion = await services.GetRequiredService<BrowserLinker>().LinkAsync(user, skill, cancellationToken);
            if (completion.Discovery is { Succeeded: true } linkedAndDiscovered)
            {
                return $"linked; {linkedAndDiscovered.EndpointCount} endpoints discovered";
            }
        }

        status.Report("discovering");
        var discovery = await services.GetRequiredService<DiscoveryService>().DiscoverAsync(user, skill, cancellationToken);
        if (!discovery.Succeeded)
        {
            status.Report($"discovery failed: {discovery.Problem}");
            LogDiscoveryFailed(discovery.Problem);
            return null;
        }

        return $"linked; {discovery.EndpointCount} endpoints discovered";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {User}: {State}")]
    private partial void LogSeeded(string user, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding attempt {Attempt} failed: {Reason}; retrying in {Delay}")]
    private partial void LogAttemptFailed(int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding discovery failed: {Problem}")]
    private partial void LogDiscoveryFailed(string? problem);
}
