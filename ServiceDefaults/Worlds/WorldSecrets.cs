using System.Security.Cryptography;
using System.Text;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The per-account, per-home and per-device secrets of a world, derived from the AppHost's few secret
/// parameters so that a thousand homes need no thousand parameters and no secret is ever written to a
/// file. The story's account, home and device (the first of each) keep the parameter's value itself,
/// so the default world has exactly the secrets it always had; every other one gets
/// HMAC-SHA256(key: the parameter, message: purpose + ":" + id) in lower-case hex. A service that holds
/// the parameter computes the same value as every other, with nothing shared but the parameter.
/// </summary>
public static class WorldSecrets
{
    /// <summary>The password of a vendor account, from the parameter <c>owner-password</c>.</summary>
    public static string AccountPassword(World world, string email, string ownerPassword) =>
        world.IsStoryAccount(email) ? ownerPassword : Derive(ownerPassword, "account", email.Trim().ToLowerInvariant());

    /// <summary>The secret a home's gateway presents on its uplink, from the parameter <c>gateway-secret</c>.</summary>
    public static string GatewaySecret(World world, string homeId, string gatewaySecret) =>
        world.IsStoryHome(homeId) ? gatewaySecret : Derive(gatewaySecret, "gateway", homeId);

    /// <summary>The MQTT password of a device on its home's broker, from the parameter <c>plug-mqtt-password</c>.</summary>
    public static string DeviceMqttPassword(World world, string homeId, string deviceId, string plugMqttPassword) =>
        world.IsStoryDevice(homeId, deviceId) ? plugMqttPassword : Derive(plugMqttPassword, "mqtt", $"{homeId}/{deviceId}");

    /// <summary>HMAC-SHA256 of <c>purpose:id</c> keyed by <paramref name="secret"/>, as lower-case hex.</summary>
    public static string Derive(string secret, string purpose, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{purpose}:{id}"));
        return Convert.ToHexStringLower(mac);
    }
}
