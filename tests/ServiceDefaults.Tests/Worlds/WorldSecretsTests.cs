using System.Security.Cryptography;
using System.Text;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

public sealed class WorldSecretsTests
{
    private const string OwnerPassword = "owner-password-value";
    private const string GatewaySecret = "gateway-secret-value";
    private const string PlugPassword = "plug-mqtt-password-value";

    private static readonly World Fleet = FleetGenerator.Generate(3);

    [Fact]
    public void The_story_account_home_and_device_keep_the_parameters_themselves()
    {
        Assert.Equal(OwnerPassword, WorldSecrets.AccountPassword(World.Default, "Owner@Example.com", OwnerPassword));
        Assert.Equal(GatewaySecret, WorldSecrets.GatewaySecret(World.Default, "home-1", GatewaySecret));
        Assert.Equal(PlugPassword, WorldSecrets.DeviceMqttPassword(World.Default, "home-1", "plug-1", PlugPassword));
    }

    [Fact]
    public void Every_other_secret_is_the_hmac_of_its_purpose_and_id_keyed_by_the_parameter()
    {
        Assert.Equal(Hmac(OwnerPassword, "account:user-2@example.com"), WorldSecrets.AccountPassword(Fleet, "user-2@example.com", OwnerPassword));
        Assert.Equal(Hmac(GatewaySecret, "gateway:home-2"), WorldSecrets.GatewaySecret(Fleet, "home-2", GatewaySecret));
        Assert.Equal(Hmac(PlugPassword, "mqtt:home-2/plug-1"), WorldSecrets.DeviceMqttPassword(Fleet, "home-2", "plug-1", PlugPassword));
    }

    [Fact]
    public void Derived_secrets_differ_per_home_and_per_device_and_from_the_parameter()
    {
        var gateways = Fleet.Homes.Select(h => WorldSecrets.GatewaySecret(Fleet, h.Id, GatewaySecret)).ToList();
        var plugs = Fleet.Homes.Select(h => WorldSecrets.DeviceMqttPassword(Fleet, h.Id, "plug-1", PlugPassword)).ToList();

        Assert.Equal(3, gateways.Distinct().Count());
        Assert.Equal(3, plugs.Distinct().Count());
        Assert.NotEqual(
            WorldSecrets.GatewaySecret(Fleet, "home-2", GatewaySecret),
            WorldSecrets.GatewaySecret(Fleet, "home-2", "another-gateway-secret"));
    }

    [Fact]
    public void An_email_derives_the_same_password_whatever_its_case()
    {
        Assert.Equal(
            WorldSecrets.AccountPassword(Fleet, "user-3@example.com", OwnerPassword),
            WorldSecrets.AccountPassword(Fleet, " USER-3@example.com", OwnerPassword));
    }

    // An independent computation of the documented rule (docs/worlds.md), not the code under test.
    private static string Hmac(string key, string message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes(message)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
