using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Skill;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>The return path: AcceptGrant's tokens, the event queue and its sender, deferred responses.</summary>
internal static class AssistantEventsServices
{
    /// <summary>Where Data Protection keeps its key ring: beside the data it protects, readable by every replica and restart.</summary>
    public const string DataProtectionKeysKey = "vendor:data-protection-keys";

    public static IServiceCollection AddAssistantEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AssistantEventsOptions>(configuration, AssistantEventsOptions.SectionName);
        services.AddDataProtection().SetApplicationName("SmartHome.VendorCloud");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKeysKey));

        services.AddSingleton<AssistantTokenProtector>();
        services.AddSingleton<IAssistantGrantStore, RedisAssistantGrantStore>();
        services.AddHttpClient(AssistantTokenClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<IAssistantTokenClient, AssistantTokenClient>();
        services.AddHttpClient<IEventGatewayClient, EventGatewayClient>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<AssistantTokenKeeper>();
        services.AddSingleton<GrantAcceptance>();
        services.AddSingleton(provider => new PendingEventQueue(provider.GetRequiredService<IOptions<AssistantEventsOptions>>().Value.QueueCapacity));
        services.AddSingleton<IPendingEventJournal, RedisPendingEventJournal>();
        services.AddSingleton<AssistantEventMetrics>();
        services.AddSingleton<AssistantEventReporter>();
        services.AddSingleton<AssistantEventSender>();
        services.AddHostedService(provider => provider.GetRequiredService<AssistantEventSender>());
        services.AddSingleton<DirectiveDeferral>();
        return services;
    }
}
