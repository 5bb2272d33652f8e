using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// The key ring that protects the person's session and antiforgery cookies, kept in Redis: a cookie one replica made
/// is read by every other replica and after a restart (on local disk, each replica had its own ring and refused the
/// others' cookies). One key, so one slot on a Redis Cluster; a reset of the world keeps it, as sessions outlive it.
/// </summary>
public static class SharedDataProtection
{
    public const string KeysKey = "assistant:{data-protection}:keys";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("SmartHome.AssistantCloud");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeysKey));
        return services;
    }
}
