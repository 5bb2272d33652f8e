using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Conformance;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;
using SmartHome.VendorCloud.Seeding;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Tests.Fakes;

namespace SmartHome.VendorCloud.Tests;

public sealed class VendorWorldSeederTests
{
    private readonly InMemoryVendorDirectory _directory = new();
    private readonly WorldOptions _secrets = new()
    {
        OwnerPassword = "first password",
        GatewaySecret = "gateway-secret",
    };
    private readonly OAuthOptions _oauth = new() { ClientId = "assistant", ClientSecret = "client-secret", RedirectUri = "http://localhost:1/cb" };

    private VendorWorldSeeder Seeder(World? world = null) => new(_directory, new WorldSource(world ?? World.Default), Options.Create(_secrets), Options.Create(_oauth),
        new TestWorld().Reporter, new ConformanceAccountSeeder(_directory, Options.Create(new ConformanceOptions()), new FakeTimeProvider(),
            NullLogger<ConformanceAccountSeeder>.Instance), new FakeTimeProvider(), NullLogger<VendorWorldSeeder>.Instance);

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

        var device = _directory.Devices["home-1/plug-1"];
        Assert.Equal((account.AccountId, "home-1", "bedroom lamp", "DW3HL-SIM", DeviceKind.DimmablePlug, "bedroom"),
            (device.AccountId, device.HomeId, device.Name, device.Model, device.Kind, device.Room));

        var client = _directory.Clients["assistant"];
        Assert.Equal(SecretHasher.HashToken("client-secret"), client.SecretHash);
        Assert.Equal("http://localhost:1/cb", client.RedirectUri);
    }

    [Fact]
    public async Task A_homes_devices_are_known_before_the_home_its_gateway_is_admitted_by()
    {
        var world = FleetGenerator.Generate(3);
        var missing = new List<string>();
        _directory.SavingHome = home => missing.AddRange(world.FindHome(home.HomeId)!.Devices
            .Where(d => !_directory.Devices.ContainsKey($"{home.HomeId}/{d.Id}"))
            .Select(d => $"{home.HomeId}/{d.Id}"));

        await Seeder(world).SeedAsync(CancellationToken.None);

        Assert.Equal(3, _directory.Homes.Count);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Seeding_again_duplicates_nothing_and_keeps_the_accounts_password()
    {
        await Seeder().SeedAsync(CancellationToken.None);
        var first = Assert.Single(_directory.Accounts.Values);

        _secrets.OwnerPassword = "a later configured password";
        _oauth.RedirectUri = "http://localhost:2/cb";
        await Seeder().SeedAsync(CancellationToken.None);

        var account = Assert.Single(_directory.Accounts.Values);
        Assert.Equal(first, account);
        Assert.True(SecretHasher.VerifyPassword("first password", account.PasswordHash));
        Assert.Single(_directory.Homes);
        Assert.Single(_directory.Devices);
        Assert.Equal(account.AccountId, _directory.Devices["home-1/plug-1"].AccountId);
        // The client's redirect URI follows configuration (the assistant's port may change between runs).
        Assert.Equal("http://localhost:2/cb", _directory.Clients["assistant"].RedirectUri);
    }

    [Fact]
    public async Task Seeding_without_required_configuration_says_which_key_is_missing()
    {
        _secrets.GatewaySecret = "";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Seeder().SeedAsync(CancellationToken.None));
        Assert.Contains("World:GatewaySecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_seeds_every_account_with_its_derived_password_and_every_home_with_its_derived_gateway_secret()
    {
        var fleet = FleetGenerator.Generate(3);

        await Seeder(fleet).SeedAsync(CancellationToken.None);

        Assert.Equal(3, _directory.Accounts.Count);
        var user3 = _directory.Accounts.Values.Single(a => a.Email == "user-3@example.com");
        Assert.True(SecretHasher.VerifyPassword(WorldSecrets.AccountPassword(fleet, "user-3@example.com", "first password"), user3.PasswordHash));
        Assert.False(SecretHasher.VerifyPassword("first password", user3.PasswordHash));
        Assert.Equal(SecretHasher.HashToken(WorldSecrets.GatewaySecret(fleet, "home-3", "gateway-secret")), _directory.Homes["home-3"].GatewaySecretHash);
        Assert.Equal(SecretHasher.HashToken("gateway-secret"), _directory.Homes["home-1"].GatewaySecretHash);
        // Every home has its own plug-1, each in its own account.
        Assert.Equal(3, _directory.Devices.Values.Count(d => d.DeviceId == "plug-1"));
        Assert.Equal(user3.AccountId, _directory.Devices["home-3/plug-1"].AccountId);
    }

    [Fact]
    public async Task Seeding_a_seeded_fleet_again_hashes_no_password()
    {
        var fleet = FleetGenerator.Generate(40);
        await Seeder(fleet).SeedAsync(CancellationToken.None);
        var accounts = _directory.Accounts.Values.OrderBy(a => a.Email).ToList();

        await Seeder(fleet).SeedAsync(CancellationToken.None);

        // Nothing changed: the same records (a new hash would have a new salt).
        Assert.Equal(accounts, _directory.Accounts.Values.OrderBy(a => a.Email).ToList());
        Assert.Equal(40, _directory.Homes.Count);
    }

    [Fact]
    public async Task Discovery_lists_every_device_of_the_account_with_the_capabilities_of_its_kind()
    {
        var world = WorldLoader.Parse("""
            {
              "people": [{ "id": "owner", "vendorAccount": "owner@example.com" }],
              "vendorAccounts": [{ "email": "owner@example.com" }],
              "homes": [{ "id": "home-1", "account": "owner@example.com", "devices": [
                { "id": "plug-1", "name": "bedroom lamp", "room": "bedroom", "kind": "dimmable-plug" },
                { "id": "lamp-2", "name": "reading lamp", "room": "bedroom", "kind": "dimmable-lamp" },
                { "id": "plug-3", "name": "kettle", "room": "kitchen", "kind": "onoff-plug" } ] }]
            }
            """, "test");
        await Seeder(world).SeedAsync(CancellationToken.None);
        var account = Assert.Single(_directory.Accounts.Values);

        var endpoints = (await _directory.ListAccountDevicesAsync(account.AccountId, CancellationToken.None)).Select(AlexaEvents.Discovered).ToList();

        Assert.Equal(["lamp-2", "plug-1", "plug-3"], endpoints.Select(e => e.EndpointId));
        var kettle = endpoints.Single(e => e.EndpointId == "plug-3");
        Assert.Equal(["SMARTPLUG"], kettle.DisplayCategories);
        Assert.DoesNotContain(kettle.Capabilities, c => c.Interface == "Alexa.BrightnessController");
        Assert.Contains(kettle.Capabilities, c => c.Interface == "Alexa.PowerController");
        var lamp = endpoints.Single(e => e.EndpointId == "lamp-2");
        Assert.Equal(["LIGHT"], lamp.DisplayCategories);
        Assert.Contains(lamp.Capabilities, c => c.Interface == "Alexa.BrightnessController");
        Assert.Equal("home-1", lamp.Cookie["homeId"]);
    }
}
