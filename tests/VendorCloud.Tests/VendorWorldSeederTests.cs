using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;
using SmartHome.VendorCloud.Seeding;
using SmartHome.VendorCloud.Tests.Fakes;

namespace SmartHome.VendorCloud.Tests;

public sealed class VendorWorldSeederTests
{
    private readonly InMemoryVendorDirectory _directory = new();
    private readonly WorldOptions _world = new()
    {
        HomeId = "home-1",
        DeviceId = "plug-1",
        DeviceName = "bedroom lamp",
        OwnerEmail = "owner@example.com",
        OwnerPassword = "first password",
        GatewaySecret = "gateway-secret",
    };
    private readonly OAuthOptions _oauth = new() { ClientId = "assistant", ClientSecret = "client-secret", RedirectUri = "http://localhost:1/cb" };

    private VendorWorldSeeder Seeder() => new(_directory, Options.Create(_world), Options.Create(_oauth), new FakeTimeProvider(),
        NullLogger<VendorWorldSeeder>.Instance);

    [Fact]
    public async Task Seeding_creates_the_account_home_device_and_client_with_hashed_secrets()
    {
        await Seeder().SeedAsync(CancellationToken.None);

        var account = Assert.Single(_directory.Accounts.Values);
        Assert.Equal("owner@example.com", account.Email);
        Assert.True(SecretHasher.VerifyPassword("first password", account.PasswordHash));
        Assert.DoesNotContain("first password", account.PasswordHash);

        var home = _directory.Homes["home-1"];
        Assert.Equal(account.AccountId, home.AccountId);
        Assert.Equal(SecretHasher.HashToken("gateway-secret"), home.GatewaySecretHash);

        var device = _directory.Devices["plug-1"];
        Assert.Equal((account.AccountId, "home-1", "bedroom lamp", "DW3HL-SIM"), (device.AccountId, device.HomeId, device.Name, device.Model));

        var client = _directory.Clients["assistant"];
        Assert.Equal(SecretHasher.HashToken("client-secret"), client.SecretHash);
        Assert.Equal("http://localhost:1/cb", client.RedirectUri);
    }

    [Fact]
    public async Task Seeding_again_duplicates_nothing_and_keeps_the_accounts_password()
    {
        await Seeder().SeedAsync(CancellationToken.None);
        var first = Assert.Single(_directory.Accounts.Values);

        _world.OwnerPassword = "a later configured password";
        _oauth.RedirectUri = "http://localhost:2/cb";
        await Seeder().SeedAsync(CancellationToken.None);

        var account = Assert.Single(_directory.Accounts.Values);
        Assert.Equal(first, account);
        Assert.True(SecretHasher.VerifyPassword("first password", account.PasswordHash));
        Assert.Single(_directory.Homes);
        Assert.Single(_directory.Devices);
        Assert.Equal(account.AccountId, _directory.Devices["plug-1"].AccountId);
        // The client's redirect URI follows configuration (the assistant's port may change between runs).
        Assert.Equal("http://localhost:2/cb", _directory.Clients["assistant"].RedirectUri);
    }

    [Fact]
    public async Task Seeding_without_required_configuration_says_which_key_is_missing()
    {
        _world.GatewaySecret = "";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Seeder().SeedAsync(CancellationToken.None));
        Assert.Contains("World:GatewaySecret", error.Message, StringComparison.Ordinal);
    }
}
