using SmartHome.AssistantCloud.Conformance;
using SmartHome.AssistantCloud.Diagnosis;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Faults;
using SmartHome.AssistantCloud.PersonApp;
using SmartHome.AssistantCloud.Replicas;
using SmartHome.AssistantCloud.Simulation;
using SmartHome.AssistantCloud.Users;
using SmartHome.AssistantCloud.Utterances;

namespace SmartHome.AssistantCloud;

public static class AssistantCloudPipeline
{
    /// <summary>The assistant's middleware and endpoints, in order: one copy for the service and its test host.</summary>
    public static WebApplication UseAssistantCloud(this WebApplication app)
    {
        // The links gauge reports from the start, not from the first utterance.
        app.Services.GetRequiredService<AssistantMetrics>();
        // Amazon's schema is read at start-up (or its absence logged), not on the first event.
        _ = app.Services.GetService<AlexaEventValidator>()?.HasSchemaAsync();
        app.UseServiceDefaults();
        app.UseStatusCodePages();
        app.UseMiddleware<ReplicaHeaderMiddleware>();
        app.UseMiddleware<AssistantFaultsMiddleware>();
        app.MapDefaultEndpoints();
        app.UsePersonApp();
        app.MapUtteranceApi();
        app.MapReplicaApi();
        app.MapUserApi();
        app.MapFaultsApi();
        app.MapEventGatewayFaultsApi();
        app.MapEventGatewayApi();
        app.MapDiagnoseApi();
        app.MapConformanceApi();
        app.MapTokenUseApi();
        return app;
    }
}
