using Microsoft.Extensions.Configuration;

namespace SmartHome.AppHost;

/// <summary>The default world: one home, one gateway, one plug (the bedroom lamp), one owner.</summary>
internal sealed record WorldSettings(
    string HomeId,
    string DeviceId,
    string DeviceName,
    string OwnerEmail,
    string AssistantUser,
    string AssistantClientId)
{
    public static WorldSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("World");
        return new(
            HomeId: section["HomeId"] ?? "home-1",
            DeviceId: section["DeviceId"] ?? "plug-1",
            DeviceName: section["DeviceName"] ?? "bedroom lamp",
            OwnerEmail: section["OwnerEmail"] ?? "owner@example.com",
            AssistantUser: section["AssistantUser"] ?? "owner",
            AssistantClientId: section["AssistantClientId"] ?? "assistant");
    }
}
