using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Tests.Fakes;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The assistant's event gateway as the contract describes it, on loopback Kestrel: records each event with its bearer
/// token, and answers as <see cref="Answer"/> says (202 unless told): status, the gateway's error code, Retry-After.
/// With it, the vendor's whole sender: token keeper over a fake token service, queue, real HTTP client, a fake clock.
/// </summary>
internal sealed class FakeEventGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    public const string AccountId = TestWorld.OwnerAccountId;

    private FakeEventGateway(WebApplication app, Uri address, int capacity)
    {
        _app = app;
        Address = address;
        Options.TokenUrl = new Uri(address, "/auth/o2/token");
        Options.EventGatewayUrl = new Uri(address, "/v3/events");
        Options.ClientId = "smarthome-skill";
        Options.ClientSecret = "skill-secret";
        Options.QueueCapacity = capacity;
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Keeper = new AssistantTokenKeeper(Store, Tokens, options, Time, NullLogger<AssistantTokenKeeper>.Instance);
        Queue = new PendingEventQueue(capacity);
        Metrics = new AssistantEventMetrics(Meters, Queue);
        Reporter = new AssistantEventReporter(Queue, Store, Metrics, options, NullLogger<AssistantEventReporter>.Instance, Journal);
        Sender = new AssistantEventSender(Queue, Keeper, new EventGatewayClient(_http, options), Store, Metrics, options, Time,
            NullLogger<AssistantEventSender>.Instance, Journal);
    }

    public Uri Address { get; }

    /// <summary>The queued ChangeReports as the vendor keeps them across a restart.</summary>
    public Fakes.InMemoryPendingEventJournal Journal { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public AssistantEventsOptions Options { get; } = new();

    public InMemoryAssistantGrantStore Store { get; } = new();

    public FakeAssistantTokenClient Tokens { get; } = new();

    public AssistantTokenKeeper Keeper { get; }

    /// <summary>A meter factory of its own: a test listens to this gateway's metrics only.</summary>
    public IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public AssistantEventMetrics Metrics { get; }

    public PendingEventQueue Queue { get; }

    public AssistantEventReporter Reporter { get; }

    public AssistantEventSender Sender { get; }

    /// <summary>What each request got: 202 by default; else (status, code, Retry-After seconds).</summary>
    public Func<string, (int Status, string? Code, int? RetryAfter)> Answer { get; set; } = _ => (202, null, null);

    public ConcurrentQueue<(string Token, JsonNode Event)> Received { get; } = new();

    /// <summary>The <c>traceparent</c> header of each request, in order.</summary>
    public ConcurrentQueue<string> Traceparents { get; } = new();

    public static async Task<FakeEventGateway> StartAsync(int capacity = 100)
    {
        var builder = LoopbackHost.CreateBuilder();
        var app = builder.Build();
        FakeEventGateway? gateway = null;
        app.MapPost("/v3/events", async (HttpContext context) =>
        {
            var token = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            var body = await JsonNode.ParseAsync(context.Request.Body);
            gateway!.Received.Enqueue((token, body!));
            gateway.Traceparents.Enqueue(context.Request.Headers["traceparent"].ToString());
            var (status, code, retryAfter) = gateway.Answer(token);
            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return status == 202
                ? Results.StatusCode(202)
                : Results.Json(new { header = new { @namespace = "System", messageId = Guid.NewGuid().ToString() }, payload = new { code, description = "test" } },
                    statusCode: status);
        });
        var address = await LoopbackHost.StartAsync(app);
        gateway = new FakeEventGateway(app, address, capacity);
        return gateway;
    }

    /// <summary>The account's grant as AcceptGrant leaves it, the access token valid for an hour.</summary>
    public void Grant(string access = "Atza|access-1", string refresh = "Atzr|refresh-1", TimeSpan? validFor = null) =>
        Store.Grant(AccountId, new AssistantTokens(access, refresh, Time.GetUtcNow() + (validFor ?? TimeSpan.FromHours(1))), Time.GetUtcNow());

    /// <summary>Each refresh gives access-N / refresh-N, valid an hour.</summary>
    public void RefreshesSucceed()
    {
        var n = 1;
        Tokens.Refresh = _ =>
        {
            var i = Interlocked.Increment(ref n);
            return Task.FromResult(AssistantTokenResult.Success(new AssistantTokens($"Atza|access-{i}", $"Atzr|refresh-{i}", Time.GetUtcNow().AddHours(1))));
        };
    }

    /// <summary>A ChangeReport of the owner's lamp, as the reporter queues one.</summary>
    public PendingEvent Change(string endpointId = TestWorld.DeviceId, string power = "ON", string cause = ChangeCauses.PhysicalInteraction,
        System.Diagnostics.ActivityContext parent = default)
    {
        var properties = SmartHome.VendorCloud.Skill.AlexaEvents.Properties(power, 40, true, Time.GetUtcNow(), 0, Time.GetUtcNow());
        var pending = new PendingEvent(AccountId, $"change:{AccountId}/{endpointId}",
            new ChangeReportDraft(endpointId, cause, properties, new HashSet<string> { "powerState" }), parent);
        Queue.Enqueue(pending);
        return pending;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
