using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Two replicas of each cloud (<c>cloud-replicas=2</c>) behind Aspire's proxy: a directive reaches the home whichever vendor
/// replica it lands on (the holder of the home's uplink gets it through Redis), the vendor's fault switches are the
/// world's, and a stopped replica's homes move to the survivor. Every request to the vendor opens a new connection
/// (<c>Connection: close</c>), so that the proxy spreads them; the replica that answered is in <c>X-Vendor-Replica</c>.
/// The assistant's token refreshes are not counted here (its replicas' single-flight is tested on its own).
/// </summary>
[Collection(VendorReplicasCollection.Name)]
public sealed class VendorReplicasTests(VendorReplicasAppFixture fixture, ITestOutputHelper output)
{
    private const string ReplicaHeader = "X-Vendor-Replica";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [SkippableFact]
    public async Task Directives_landing_on_either_vendor_replica_reach_the_home_and_some_go_through_Redis_to_the_holder()
    {
        using var cts = new CancellationTokenSource(Bound * 3);
        var (token, endpointId) = await LinkAndDiscoverAsync(cts.Token);
        var views = await BothReplicasAsync(cts.Token);
        var holder = await HolderOfAsync("home-1", cts.Token);
        output.WriteLine($"replicas: {string.Join(", ", views.Keys)}; home-1 held by {holder}");

        var servedBy = new List<string>();
        for (var i = 0; i < 40 && (servedBy.Count < 12 || servedBy.Distinct().Count() < 2); i++)
        {
            var level = 10 + i;
            var (answer, replica) = await DirectiveAsync(SetBrightness(token, endpointId, level), cts.Token);
            Assert.True(answer.EventName() == "Response", $"directive {i} on replica {replica}: {answer.ToJsonString()}");
            Assert.Equal(level, BrightnessOf(answer));
            servedBy.Add(replica);
        }

        output.WriteLine($"{servedBy.Count} directives, by replica: {string.Join(", ", servedBy.GroupBy(r => r).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.Equal(2, servedBy.Distinct().Count());
        Assert.Contains(servedBy, replica => replica != holder);

        // ReportState on either replica: the device is reachable whichever replica holds its home.
        var reportedBy = new HashSet<string>();
        for (var i = 0; i < 12 && reportedBy.Count < 2; i++)
        {
            var (report, replica) = await DirectiveAsync(AlexaDirectives.Directive("Alexa", "ReportState", token, endpointId), cts.Token);
            Assert.True(report.EventName() == "StateReport", $"ReportState on replica {replica}: {report.ToJsonString()}");
            var connectivity = report["context"]!["properties"]!.AsArray().Single(p => (string?)p!["name"] == "connectivity")!;
            Assert.True((string?)connectivity["value"]!["value"] == "OK", $"ReportState on replica {replica}: {report.ToJsonString()}");
            reportedBy.Add(replica);
        }

        Assert.Equal(2, reportedBy.Count);

        var after = await BothReplicasAsync(cts.Token);
        var forwarded = after.Values.Sum(view => view.Forwarded);
        output.WriteLine($"forwarded through Redis: {forwarded}; served by the holder: {after[holder].Served}");
        Assert.True(forwarded >= 1, "no directive was forwarded through Redis");
        Assert.True(after[holder].Served >= 1, "the holder sent no forwarded command down the uplink");

    }

    [SkippableFact]
    public async Task A_vendor_outage_switched_on_one_replica_is_seen_by_commands_on_every_replica_and_cleared_likewise()
    {
        using var cts = new CancellationTokenSource(Bound * 4);
        var (token, endpointId) = await LinkAndDiscoverAsync(cts.Token);
        await BothReplicasAsync(cts.Token);

        var switchedOn = await SimAsync(HttpMethod.Post, "/sim/outage/on", cts.Token);
        output.WriteLine($"outage switched on by replica {switchedOn.Replica}");
        try
        {
            var refusedBy = new HashSet<string>();
            for (var i = 0; i < 40 && refusedBy.Count < 2; i++)
            {
                var (status, replica) = await RawDirectiveAsync(SetBrightness(token, endpointId, 30), cts.Token);
                Assert.True(status == HttpStatusCode.ServiceUnavailable, $"directive {i} on replica {replica} during the outage: {(int)status}");
                refusedBy.Add(replica);
                var faults = await SimAsync(HttpMethod.Get, "/sim/faults", cts.Token);
                Assert.True((bool)faults.Body["outage"]!, $"replica {faults.Replica} does not see the outage");
            }

            Assert.Equal(2, refusedBy.Count);
        }
        finally
        {
            var switchedOff = await SimAsync(HttpMethod.Post, "/sim/outage/off", cts.Token);
            output.WriteLine($"outage switched off by replica {switchedOff.Replica}");
        }

        // Every replica clears it; the gateway dials back (its backoff) and commands succeed on both replicas again.
        var servedBy = new HashSet<string>();
        var level = 40;
        await fixture.World.EventuallyAsync(async () =>
        {
            var (answer, replica) = await DirectiveAsync(SetBrightness(token, endpointId, ++level), cts.Token);
            if (answer.EventName() == "Response")
            {
                servedBy.Add(replica);
            }

            return servedBy.Count == 2;
        }, () => $"commands succeed on both replicas after the outage (so far on {string.Join(", ", servedBy)})", cts.Token);
    }

    [SkippableFact]
    public async Task Stopping_the_replica_that_holds_the_homes_uplink_moves_the_home_to_the_survivor()
    {
        using var cts = new CancellationTokenSource(Bound * 4);
        var (token, endpointId) = await LinkAndDiscoverAsync(cts.Token);
        var views = await BothReplicasAsync(cts.Token);
        var holder = await HolderOfAsync("home-1", cts.Token);
        var serviceInstance = views[holder].Replica.Instance;
        Assert.False(string.IsNullOrEmpty(serviceInstance), "the vendor replica does not know its name in Aspire");
        // Aspire's service.instance.id is the replica's suffix: the resource is vendorcloud-{suffix}.
        var replicas = await ReplicaInstancesAsync(cts.Token);
        var instance = Assert.Single(replicas, id => id == serviceInstance || id.EndsWith($"-{serviceInstance}", StringComparison.Ordinal));
        output.WriteLine($"home-1 held by replica {holder} ({instance}, pid {views[holder].Replica.ProcessId})");

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var stopwatch = Stopwatch.StartNew();
        var stopped = await commands.ExecuteCommandAsync(instance, KnownResourceCommands.StopCommand, cts.Token).WaitAsync(Bound, cts.Token);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            var outcomes = new List<(int Level, string? Error, string Replica, TimeSpan At)>();
            var level = 0;
            await fixture.World.EventuallyAsync(async () =>
            {
                level++;
                var (answer, replica) = await DirectiveAsync(SetBrightness(token, endpointId, level), cts.Token);
                outcomes.Add((level, answer.EventName() == "Response" ? null : answer.ErrorType() ?? answer.EventName(), replica, stopwatch.Elapsed));
                return answer.EventName() == "Response" && BrightnessOf(answer) == level;
            }, () => $"a command succeeds after the holder stopped ({string.Join("; ", outcomes.Select(o => $"{o.Level}:{o.Error ?? "ok"}"))})", cts.Token);
            var failover = stopwatch.Elapsed;
            output.WriteLine($"failover (stop -> first successful command): {failover.TotalSeconds:0.0} s, after {outcomes.Count} commands: "
                + string.Join("; ", outcomes.Select(o => $"{o.Level}:{o.Error ?? "ok"}@{o.At.TotalSeconds:0.0}s")));

            // The failed commands failed with the errors a person is told about; none was applied afterwards.
            Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.Contains(o.Error, new[] { "BRIDGE_UNREACHABLE", "ENDPOINT_UNREACHABLE" }));
            var newHolder = await HolderOfAsync("home-1", cts.Token);
            Assert.NotEqual(holder, newHolder);
            var plug = await fixture.World.Plug().StateAsync(cts.Token);
            Assert.Equal(level, plug.Brightness);

            // Commands keep working on the survivor.
            for (var i = 0; i < 5; i++)
            {
                var (answer, _) = await DirectiveAsync(SetBrightness(token, endpointId, 80 + i), cts.Token);
                Assert.True(answer.EventName() == "Response", answer.ToJsonString());
            }

            Assert.Equal(84, (await fixture.World.Plug().StateAsync(cts.Token)).Brightness);
        }
        finally
        {
            // The collection's other tests want two replicas again.
            await commands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand, CancellationToken.None).WaitAsync(Bound);
        }
    }

    private static JsonObject SetBrightness(string token, string endpointId, int level) =>
        AlexaDirectives.Directive("Alexa.BrightnessController", "SetBrightness", token, endpointId, new JsonObject { ["brightness"] = level });

    private static int? BrightnessOf(JsonNode answer) =>
        answer["context"]?["properties"]?.AsArray().Where(p => (string?)p!["name"] == "brightness").Select(p => (int?)p!["value"]).FirstOrDefault();

    private async Task<(string Token, string EndpointId)> LinkAndDiscoverAsync(CancellationToken cancellationToken)
    {
        var tokens = await new VendorOAuth(fixture).LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cancellationToken);
        var (discovery, _) = await DirectiveAsync(AlexaDirectives.Discover(tokens.AccessToken!), cancellationToken);
        var lamp = discovery["event"]!["payload"]!["endpoints"]!.AsArray().Single(e => (string?)e!["friendlyName"] == "bedroom lamp")!;
        return (tokens.AccessToken!, (string)lamp["endpointId"]!);
    }

    /// <summary>A request on a connection of its own, so that Aspire's proxy may send it to either replica.</summary>
    private async Task<(HttpStatusCode Status, string Body, string Replica)> SendAsync(HttpMethod method, string path, JsonObject? body,
        CancellationToken cancellationToken)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var request = new HttpRequestMessage(method, path);
        request.Headers.ConnectionClose = true;
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await vendor.SendAsync(request, cancellationToken).WaitAsync(Wire.RequestTimeout, cancellationToken);
        var replica = response.Headers.TryGetValues(ReplicaHeader, out var values) ? values.Single() : "";
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), replica);
    }

    private async Task<(HttpStatusCode Status, string Replica)> RawDirectiveAsync(JsonObject directive, CancellationToken cancellationToken)
    {
        var (status, _, replica) = await SendAsync(HttpMethod.Post, "/alexa/v3/directives", directive, cancellationToken);
        return (status, replica);
    }

    private async Task<(JsonNode Answer, string Replica)> DirectiveAsync(JsonObject directive, CancellationToken cancellationToken)
    {
        var (status, body, replica) = await SendAsync(HttpMethod.Post, "/alexa/v3/directives", directive, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} from replica {replica}: {body}");
        return (JsonNode.Parse(body)!, replica);
    }

    private async Task<(JsonNode Body, string Replica)> SimAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var (status, body, replica) = await SendAsync(method, path, null, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} from replica {replica}: {body}");
        return (JsonNode.Parse(body)!, replica);
    }

    /// <summary>Each running replica's <c>GET /sim/uplinks</c>, by replica id, asked until both have answered.</summary>
    private async Task<Dictionary<string, UplinksView>> BothReplicasAsync(CancellationToken cancellationToken)
    {
        var views = new Dictionary<string, UplinksView>();
        await fixture.World.EventuallyAsync(async () =>
        {
            var (status, body, _) = await SendAsync(HttpMethod.Get, "/sim/uplinks", null, cancellationToken);
            if (status == HttpStatusCode.OK && JsonSerializer.Deserialize<UplinksView>(body, Json) is { } view)
            {
                views[view.Replica.Id] = view;
            }

            return views.Count >= 2;
        }, () => $"both vendor replicas answer (so far {string.Join(", ", views.Keys)})", cancellationToken);
        return views;
    }

    private async Task<string> HolderOfAsync(string homeId, CancellationToken cancellationToken)
    {
        string? holder = null;
        await fixture.World.EventuallyAsync(async () =>
        {
            var (status, body, _) = await SendAsync(HttpMethod.Get, "/sim/uplinks", null, cancellationToken);
            holder = status == HttpStatusCode.OK
                ? JsonSerializer.Deserialize<UplinksView>(body, Json)?.Homes.FirstOrDefault(h => h.HomeId == homeId)?.Replica
                : null;
            return holder is not null;
        }, () => $"a replica holds the uplink of {homeId}", cancellationToken);
        return holder!;
    }

    /// <summary>Aspire's names of the vendorcloud replicas.</summary>
    private async Task<HashSet<string>> ReplicaInstancesAsync(CancellationToken cancellationToken)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watching.CancelAfter(TimeSpan.FromSeconds(5));
        var instances = new HashSet<string>();
        try
        {
            // The current state of every resource comes first; then the watch waits for changes, cut short here.
            await foreach (var resourceEvent in fixture.App.ResourceNotifications.WatchAsync(watching.Token))
            {
                if (resourceEvent.Resource.Name == "vendorcloud")
                {
                    instances.Add(resourceEvent.ResourceId);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return instances;
    }

    private sealed record ReplicaView(string Id, string Machine, int ProcessId, string? Instance);

    private sealed record HomeHolderView(string HomeId, string Replica);

    private sealed record UplinksView(ReplicaView Replica, IReadOnlyList<HomeHolderView> Homes, IReadOnlyList<string> Local, long Forwarded, long Served);
}
