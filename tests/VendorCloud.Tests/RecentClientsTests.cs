using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Tests;
using SmartHome.VendorCloud.Accounts;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The OAuth clients the token endpoint authenticates are kept a few seconds (<see cref="RecentClients"/>): read once, not
/// on every request, and a registration made here is seen at once.
/// </summary>
public sealed class RecentClientsTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly FakeTimeProvider _time = new();

    private static OAuthClient Client(string id, string secretHash = "hash-1") => new(id, secretHash, "https://example.test/callback");

    [Fact]
    public void A_client_read_is_kept_for_its_lifetime_then_asked_for_again()
    {
        var recent = new RecentClients(_time);
        Assert.Null(recent.Find("assistant"));

        recent.Remember(Client("assistant"));
        _time.Advance(RecentClients.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(Client("assistant"), recent.Find("assistant"));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(recent.Find("assistant"));
    }

    [Fact]
    public void A_forgotten_client_is_asked_for_again_at_once()
    {
        var recent = new RecentClients(_time);
        recent.Remember(Client("assistant"));

        recent.Forget("assistant");

        Assert.Null(recent.Find("assistant"));
    }

    [RedisFact]
    public async Task The_directory_reads_a_client_once_and_sees_its_own_registration_at_once()
    {
        var directory = new RedisVendorDirectory(fixture.Redis);
        var id = "client-" + Guid.NewGuid().ToString("N");
        await directory.SaveClientAsync(Client(id), CancellationToken.None);
        Assert.Equal(Client(id), await directory.GetClientAsync(id, CancellationToken.None));

        // Gone from Redis behind the directory's back: the record read a moment ago still answers (no read per request).
        await fixture.Redis.GetDatabase().KeyDeleteAsync((RedisKey)$"vendor:client:{{{id}}}");
        Assert.Equal(Client(id), await directory.GetClientAsync(id, CancellationToken.None));

        // Registered again here, with a new secret: seen at once.
        await directory.SaveClientAsync(Client(id, "hash-2"), CancellationToken.None);
        Assert.Equal("hash-2", (await directory.GetClientAsync(id, CancellationToken.None))?.SecretHash);
    }

    [RedisFact]
    public async Task An_unknown_client_is_not_kept()
    {
        var directory = new RedisVendorDirectory(fixture.Redis);
        var id = "client-" + Guid.NewGuid().ToString("N");
        Assert.Null(await directory.GetClientAsync(id, CancellationToken.None));

        // Registered by another replica (straight into Redis): found on the next read, not hidden by a remembered "unknown".
        await new RedisVendorDirectory(fixture.Redis).SaveClientAsync(Client(id), CancellationToken.None);

        Assert.Equal(Client(id), await directory.GetClientAsync(id, CancellationToken.None));
    }
}
