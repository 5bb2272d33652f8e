using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SmartHome.LoadDriver;
using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Chaos on replicas under load (<c>cloud-replicas=2</c>, <c>fleet-homes=6</c>): the load driver's engine sends the six
/// people's utterances at a steady rate while one replica of each cloud is stopped with Aspire's Stop (the assistant's
/// that answers first, the vendor's that holds the most homes' uplinks). Every utterance is answered within its budget,
/// the failed ones with a clear error; no directive is applied twice (the plug counts the directives it applied per
/// trace, <c>GET /sim/applied</c>); the homes' uplinks move to the survivor; and the timeline shows the recovery.
/// </summary>
public sealed class ReplicaChaosTests(ReplicaChaosTests.ReplicaChaosAppFixture fixture, ITestOutputHelper output)
    : IClassFixture<ReplicaChaosTests.ReplicaChaosAppFixture>
{
    public const int Homes = 6;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan UtteranceBudget = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class ReplicaChaosAppFixture : SmartHomeAppFixture
    {
        protected override IEnumerable<string> ExtraArguments => [$"--Parameters:fleet-homes={Homes}"];

        // The kit must know the replicas too: it waits for each, and the start bound doubles (seven service processes, not five).
        protected override void Configure(SmartHomeWorldOptions options) => options.CloudReplicas = 2;
    }

    [Fact]
    public async Task Stopping_one_replica_of_each_cloud_under_load_fails_commands_clearly_applies_none_twice_and_the_homes_move_to_the_survivor()
    {
        using var cts = new CancellationTokenSource(Bound + LoadFor + Bound);
        using var assistantSim = new HttpClient { BaseAddress = fixture.App.GetEndpoint("assistantcloud", "http"), Timeout = TimeSpan.FromSeconds(20) };
        using var vendorSim = new HttpClient { BaseAddress = fixture.App.GetEndpoint("vendorcloud", "http"), Timeout = TimeSpan.FromSeconds(20) };
        using var plug = fixture.CreateHttpClient("simulatedplug");
        var people = WorldPeople.Fleet(Homes);

        // Before the load: every home's uplink is held and every person's lamp obeys.
        await fixture.World.EventuallyAsync(async () => (await DirectoryAsync(vendorSim, cts.Token)).Count == Homes,
            () => "every home's uplink is held by a vendor replica", cts.Token);
        using var assistant = AssistantClient.CreateHttpClient(fixture.App.GetEndpoint("assistantcloud", "http"));
        var client = new AssistantClient(assistant, UtteranceBudget);
        foreach (var person in people)
        {
            await fixture.World.EventuallyAsync(async () =>
                (await client.SendAsync(new PlannedUtterance(person, UtteranceKind.TurnOn, $"turn on the {person.Device}"), cts.Token)).Succeeded,
                () => $"{person.User}'s lamp obeys before the load", cts.Token);
        }

        var sender = new RecordingSender(client);
        var timeline = new OutcomeTimeline();
        var stopper = new AspireStop(fixture.App);
        var chaos = new ReplicaChaosRun([ReplicaFinder.Assistant, ReplicaFinder.Vendor], StopAfter, new ReplicaFinder(assistantSim, vendorSim, () => timeline.LatestReplica),
            stopper, TimeProvider.System, output.WriteLine);
        var stopped = new List<ReplicaTarget>();
        using var stageEnd = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var chaosTask = chaos.RunAsync(stageEnd.Token);
        try
        {
            await new OpenLoopRunner(sender, TimeProvider.System, timeline).RunAsync(
                new ArrivalSchedule(5, LoadFor), new UtteranceMix(people, seed: 17), recorder: null, (_, _) => FaultExposure.NoFault, null, cts.Token)
                .WaitAsync(LoadFor + UtteranceBudget + Bound, cts.Token);
        }
        finally
        {
            await stageEnd.CancelAsync();
            await chaosTask;
        }

        stopped.AddRange(stopper.Stopped);
        var seconds = timeline.Seconds();
        var dip = DipReport.Measure(seconds, chaos.StoppedAt, chaos.Stopped, chaos.Errors);
        foreach (var second in seconds)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{second.Second,3}s {second.Succeeded}/{second.Count} ok  failed: {Counts(second.Failures)}  replicas: {Counts(second.Replicas)}  sent again: {second.Resent}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dip: stop at {dip.StopAtSeconds}s, rate before {dip.PreFaultSuccessRate}, first failure {dip.FirstFailureSecond}s, last {dip.LastFailureSecond}s, "
            + $"back at {dip.RecoveredAtSecond}s ({dip.RecoverySeconds} s after the stop), {dip.Failed} failed: {Counts(dip.ErrorsByType)}"));

        // Both replicas were stopped by Aspire.
        Assert.True(chaos.Errors.Count == 0, string.Join("; ", chaos.Errors));
        Assert.Equal([ReplicaFinder.Assistant, ReplicaFinder.Vendor], stopped.Select(t => t.Service));

        // Every utterance answered within its budget; a failure is an answer with a clear error, never a 5xx, a dropped connection or a hang.
        var replies = sender.Replies.ToList();
        output.WriteLine($"sent again after a dropped connection: {replies.Count(r => r.Reply.Resent)}");
        Assert.Equal(new ArrivalSchedule(5, LoadFor).Count, replies.Count);
        Assert.All(replies, r => Assert.True(r.Reply.Succeeded || IsClearError(r.Reply.Outcome),
            $"{r.Utterance.Person.User} '{r.Utterance.Text}': {r.Reply.Outcome} (replica {r.Reply.Replica}, sent again: {r.Reply.Resent}) {r.Reply.Detail}"));

        // No directive applied twice: per home, each trace's directives were applied at most once, and every command the
        // person was told succeeded was applied exactly once.
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var view = await plug.GetFromJsonAsync<AppliedView>($"/sim/applied?home={person.HomeId}&device=plug-1", Json, cts.Token);
            Assert.NotNull(view);
            Assert.All(view.Traces, t => Assert.True(t.Count == 1, $"{person.HomeId}: the directive of trace {t.TraceId} was applied {t.Count} times"));
            foreach (var trace in view.Traces)
            {
                applied[trace.TraceId] = trace.Count;
            }
        }

        var succeededCommands = replies.Where(r => r.Reply.Succeeded && r.Utterance.Kind != UtteranceKind.Question).ToList();
        Assert.NotEmpty(succeededCommands);
        Assert.All(succeededCommands, r => Assert.True(r.Reply.TraceId is { } trace && applied.GetValueOrDefault(trace) == 1,
            $"{r.Utterance.Person.User} '{r.Utterance.Text}' succeeded (trace {r.Reply.TraceId}) but its lamp applied it {applied.GetValueOrDefault(r.Reply.TraceId ?? "")} times"));

        // The homes' uplinks moved to the survivor: none is held by the stopped vendor replica.
        var stoppedVendor = stopped.Single(t => t.Service == ReplicaFinder.Vendor).ReplicaId;
        await fixture.World.EventuallyAsync(async () =>
        {
            var directory = await DirectoryAsync(vendorSim, cts.Token);
            return directory.Count == Homes && directory.All(h => h.Replica != stoppedVendor);
        }, () => $"every home's uplink moves off the stopped vendor replica {stoppedVendor}", cts.Token);

        // The timeline recovers: after the stop, whole seconds of commands succeed again, answered by the surviving assistant.
        Assert.True(dip.RecoveredAtSecond is not null, "no second after the stop was back at the success rate of before");
        var stoppedAssistant = stopped.Single(t => t.Service == ReplicaFinder.Assistant).ReplicaId;
        var lastSecond = seconds[^1];
        Assert.DoesNotContain(stoppedAssistant, lastSecond.Replicas.Keys);
    }

    private static bool IsClearError(string outcome) =>
        // An Alexa error type the person is told about ("DeviceError:BRIDGE_UNREACHABLE"), or the assistant's own answer
        // that the maker's cloud did not answer (its failed hop named in the trace).
        outcome.Contains(':', StringComparison.Ordinal) || outcome == "ServiceUnavailable";

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "-" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static async Task<IReadOnlyList<HomeHolderView>> DirectoryAsync(HttpClient vendor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sim/uplinks");
        request.Headers.ConnectionClose = true;
        using var response = await vendor.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<UplinksView>(Json, cancellationToken) is { } view
            ? view.Homes
            : [];
    }

    /// <summary>The driver's sender, keeping every utterance and its reply.</summary>
    private sealed class RecordingSender(IUtteranceSender inner) : IUtteranceSender
    {
        public ConcurrentQueue<(PlannedUtterance Utterance, UtteranceReply Reply)> Replies { get; } = new();

        public async Task<UtteranceReply> SendAsync(PlannedUtterance utterance, CancellationToken cancellationToken)
        {
            var reply = await inner.SendAsync(utterance, cancellationToken);
            Replies.Enqueue((utterance, reply));
            return reply;
        }
    }

    /// <summary>
    /// Aspire's Stop on the replica's resource: the one named by the replica's <c>service.instance.id</c> (Aspire's resource
    /// id is <c>{service}-{instance}</c>), as <see cref="VendorReplicasTests"/> finds it.
    /// </summary>
    private sealed class AspireStop(DistributedApplication app) : IReplicaStopper
    {
        private readonly List<ReplicaTarget> _stopped = [];

        public IReadOnlyList<ReplicaTarget> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public async Task<string> StopAsync(ReplicaTarget target, CancellationToken cancellationToken)
        {
            var resourceId = await ResourceOfAsync(target, cancellationToken);
            var result = await app.Services.GetRequiredService<ResourceCommandService>()
                .ExecuteCommandAsync(resourceId, KnownResourceCommands.StopCommand, cancellationToken).WaitAsync(Bound, cancellationToken);
            if (!result.Success)
            {
                throw new InvalidOperationException($"Stop on {resourceId}: {result.Message}");
            }

            lock (_stopped)
            {
                _stopped.Add(target);
            }

            return $"Aspire's Stop on {resourceId}";
        }

        private async Task<string> ResourceOfAsync(ReplicaTarget target, CancellationToken cancellationToken)
        {
            var instance = target.Instance ?? throw new InvalidOperationException($"{target} does not know its name in Aspire.");
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            watching.CancelAfter(TimeSpan.FromSeconds(10));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                // The current state of every resource comes first in the watch.
                await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(watching.Token))
                {
                    if (resourceEvent.Resource.Name != target.Service)
                    {
                        continue;
                    }

                    seen.Add(resourceEvent.ResourceId);
                    if (resourceEvent.ResourceId == instance || resourceEvent.ResourceId.EndsWith($"-{instance}", StringComparison.Ordinal))
                    {
                        return resourceEvent.ResourceId;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            throw new InvalidOperationException($"No {target.Service} resource is instance {instance} (seen: {string.Join(", ", seen)}).");
        }
    }

    private sealed record AppliedView(long Applied, IReadOnlyList<AppliedTraceView> Traces);

    private sealed record AppliedTraceView(string TraceId, int Count);

    private sealed record HomeHolderView(string HomeId, string Replica);

    private sealed record UplinksView(IReadOnlyList<HomeHolderView> Homes);
}
