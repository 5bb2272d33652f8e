using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>
/// Gathers the facts of every hop, each within its budget (the gateway alongside the assistant's store, then
/// the vendor, which needs the endpoint id), and applies <see cref="DiagnosisRules"/>. Whatever does not
/// answer becomes a fact, never an exception: the diagnosis must work while the hops it checks are broken.
/// </summary>
internal sealed partial class DiagnosisService(
    IAssistantStore store,
    AssistantFaults faults,
    IVendorSupportClient vendor,
    IHomeGatewayClient gateway,
    PersonHomes homes,
    IOptions<AssistantOptions> names,
    TimeProvider time,
    ILogger<DiagnosisService> logger,
    EventGrantStore? grants = null)
{
    private const string Skill = Skills.VendorSkillId;

    /// <summary>The report, or null when the store answered that the user does not exist.</summary>
    public async Task<DiagnosisReport?> DiagnoseAsync(string user, string device, CancellationToken cancellationToken)
    {
        using var activity = AssistantCloudTelemetry.Source.StartActivity("diagnose");
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        var started = Stopwatch.GetTimestamp();
        var checkedAt = time.GetUtcNow();

        // If the user turns out unknown the gateway's answer is not needed any more.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var homeId = homes.HomeOf(user, device);
        var home = gateway.GetStatusAsync(homeId, abandon.Token);
        var (known, assistant) = await ReadAssistantAsync(user, device, cancellationToken);
        if (!known)
        {
            await abandon.CancelAsync();
            return null;
        }

        var maker = assistant.Endpoint is { } endpoint
            ? await vendor.GetDeviceAsync(endpoint, cancellationToken)
            : VendorFacts.NotAsked(assistant.StoreProblem is null ? "no discovered device has that name" : "the device could not be looked up");
        // The discovered device says which home it is in: a person with several homes may have guessed another.
        if (assistant.Endpoint?.Cookie.TryGetValue("homeId", out var endpointHome) == true && endpointHome != homeId)
        {
            await abandon.CancelAsync();
            home = gateway.GetStatusAsync(endpointHome, cancellationToken);
        }

        var facts = new DiagnosisFacts(user, device, checkedAt, assistant, maker, await home);
        var report = DiagnosisRules.Evaluate(facts, names.Value) with
        {
            ElapsedMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };

        activity?.SetTag(AssistantCloudTelemetry.DeviceAttribute, report.EndpointId ?? device);
        activity?.SetTag(AssistantCloudTelemetry.FirstFailingHopAttribute, report.FirstFailingHop);
        LogDiagnosed(user, device, report.FirstFailingHop ?? "none", report.Cause, report.ElapsedMilliseconds);
        return report;
    }

    /// <summary>The assistant's own facts within <see cref="Timeouts.Store"/>; a store that does not answer is a fact too.</summary>
    private async Task<(bool Known, AssistantFacts Facts)> ReadAssistantAsync(string user, string device, CancellationToken cancellationToken)
    {
        var outage = faults.Outage;
        try
        {
            return await ReadStoreAsync(user, device, outage, cancellationToken).WaitAsync(Timeouts.Store, cancellationToken);
        }
        catch (TimeoutException ex) when (ex is not RedisTimeoutException)
        {
            return (true, AssistantFacts.StoreFailed(outage, $"no answer within {Timeouts.Store.TotalMilliseconds:0} ms"));
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogStoreFailed(ex.Message);
            return (true, AssistantFacts.StoreFailed(outage, ex is RedisTimeoutException ? "timeout" : "not reachable"));
        }
    }

    private async Task<(bool, AssistantFacts)> ReadStoreAsync(string user, string device, bool outage, CancellationToken cancellationToken)
    {
        var exists = store.UserExistsAsync(user, cancellationToken);
        var link = store.GetLinkAsync(user, Skill, cancellationToken);
        var endpoints = store.GetEndpointsAsync(user, Skill, cancellationToken);
        await Task.WhenAll(exists, link, endpoints);
        if (!await exists)
        {
            return (false, AssistantFacts.StoreFailed(outage, "unknown user"));
        }

        var endpoint = EndpointMatcher.Match(device, await endpoints);
        var failed = await store.GetFailedCommandAsync(user, endpoint?.EndpointId, cancellationToken);
        var stored = await link;
        var returnPath = grants is null ? null : await grants.GetFactsAsync(user, Skill);
        return (true, new AssistantFacts(outage, null, stored?.State, stored?.Reason, endpoint, failed, returnPath, faults.EventGatewayDown));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Diagnosis of {Device} for {User}: first failing hop {FirstFailingHop}, cause {Cause} ({ElapsedMilliseconds} ms)")]
    private partial void LogDiagnosed(string user, string device, string firstFailingHop, string? cause, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The diagnosis could not read the assistant's store: {Reason}")]
    private partial void LogStoreFailed(string reason);
}
