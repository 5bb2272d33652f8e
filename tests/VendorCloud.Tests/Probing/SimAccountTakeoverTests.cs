using System.Net;
using System.Net.Http.Json;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>
/// <c>POST /sim/accounts</c> is unauthenticated, but one account never touches another through it: an existing
/// account needs its password, and an existing home is never re-keyed (its gateway secret stays the real gateway's).
/// </summary>
public sealed class SimAccountTakeoverTests : IAsyncLifetime
{
    private const string AttackerSecret = "attacker-gateway-secret";
    private VendorHttpHost _host = null!;

    public async Task InitializeAsync() => _host = await VendorHttpHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> ProvisionAsync(string email, string password, string homeId, string gatewaySecret, string deviceId) =>
        _host.Http.PostAsJsonAsync("/sim/accounts", new { email, password, homeId, gatewaySecret, deviceId, deviceName = "attacker lamp" });

    private string OwnersHomeSecretHash => _host.World.Directory.Homes[TestWorld.HomeId].GatewaySecretHash;

    [Fact]
    public async Task The_victims_email_with_a_wrong_password_adds_nothing_to_the_victims_account()
    {
        var response = await ProvisionAsync(TestWorld.OwnerEmail, "wrong password", "home-x", AttackerSecret, "plug-x");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(_host.World.Directory.Devices.ContainsKey("plug-x"));
        Assert.False(_host.World.Directory.Homes.ContainsKey("home-x"));
    }

    [Fact]
    public async Task The_victims_email_with_a_wrong_password_does_not_rekey_the_victims_home()
    {
        var before = OwnersHomeSecretHash;

        var response = await ProvisionAsync(TestWorld.OwnerEmail, "wrong password", TestWorld.HomeId, AttackerSecret, "plug-x");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, OwnersHomeSecretHash);
        Assert.False(SecretHasher.VerifyToken(AttackerSecret, OwnersHomeSecretHash));
        Assert.False(_host.World.Directory.Devices.ContainsKey("plug-x"));
    }

    [Fact]
    public async Task An_existing_home_is_not_rekeyed_even_with_the_accounts_password()
    {
        var before = OwnersHomeSecretHash;

        var response = await ProvisionAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, TestWorld.HomeId, AttackerSecret, "plug-x");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, OwnersHomeSecretHash);
    }

    [Fact]
    public async Task The_owner_with_the_password_and_the_homes_secret_may_add_a_lamp_to_the_home()
    {
        var response = await ProvisionAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, TestWorld.HomeId, "gateway-secret", "plug-3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestWorld.OwnerAccountId, _host.World.Directory.Devices.Values.Single(d => d.DeviceId == "plug-3").AccountId);
    }
}
