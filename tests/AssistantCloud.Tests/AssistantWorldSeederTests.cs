using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Seeding;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

public sealed class AssistantWorldSeederTests : IAsyncDisposable
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeVendorClient _vendor = new();

    // The vendor's sign-in page as the seeding's browser sees it: here it is down, and every request is recorded.
    private readonly RecordingHandler _browser = new((_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
    private readonly ServiceProvider _services;

    public AssistantWorldSeederTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IAssistantStore>(_store);
        services.AddSingleton<ITokenClient>(new FakeTokenClient());
        services.AddSingleton<IVendorClient>(_vendor);
        services.Configure<AssistantOptions>(_ => { });
        services.Configure<LinkingOptions>(o => (o.ClientId, o.RedirectUri) = ("assistant", "http://localhost:17101/api/link/callback"));
        services.AddSingleton(new SmartHome.ServiceDefaults.Worlds.WorldSource(SmartHome.ServiceDefaults.Worlds.World.Default));
        services.Configure<WorldOptions>(o => o.OwnerPassword = "pw");
        services.AddHttpClient(BrowserLinker.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _browser);
        services.AddSingleton<LinkLocks>();
        services.AddSingleton<AccessTokenProvider>();
        services.AddMetrics();
        services.AddSingleton<LinkCounts>();
        services.AddSingleton<AssistantMetrics>();
        services.AddTransient<DiscoveryService>();
        services.AddSingleton<IAuthorizationServerMetadataSource>(new FakeMetadataSource());
        services.AddTransient<LinkService>();
        services.AddTransient<BrowserLinker>();
        services.AddSingleton<SeedStatus>();
        services.AddSingleton<IHostedService, AssistantWorldSeeder>();
        _services = services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(LinkState.Expired)]
    [InlineData(LinkState.Unlinked)]
    public async Task A_user_whose_link_expired_or_was_disabled_is_not_linked_again_on_restart(LinkState state)
    {
        await _store.SaveLinkAsync(new AccountLink(User, Skill, state, null, null, null, "owner@example.com", _time.GetUtcNow(), "why"), CancellationToken.None);

        await RunSeederUntilAsync(() => _services.GetRequiredService<SeedStatus>().IsDone);

        Assert.Empty(_browser.Requests);   // no sign-in at the vendor
        Assert.Empty(_vendor.Directives);  // and no Discovery with a token it does not have
        Assert.Equal(state, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
        var health = await _services.GetRequiredService<SeedStatus>().CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Status);
        Assert.Contains(state.ToString(), health.Description);
    }

    [Fact]
    public async Task A_user_who_never_had_a_link_is_linked_through_the_vendors_sign_in()
    {
        await RunSeederUntilAsync(() => _browser.Requests.Count > 0);

        var (request, _) = _browser.Requests[0];
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/oauth/authorize", request.RequestUri!.AbsolutePath);
        Assert.False(_services.GetRequiredService<SeedStatus>().IsDone); // the vendor is down: it keeps trying
    }

    [Fact]
    public async Task Pointed_at_another_skill_the_seeding_links_nobody_and_says_how_to_link()
    {
        _services.GetRequiredService<IOptions<SkillOptions>>().Value.Issuer = new Uri("https://skill.example");

        await RunSeederUntilAsync(() => _services.GetRequiredService<SeedStatus>().IsDone);

        Assert.Empty(_browser.Requests);   // no sign-in at someone else's skill with the world's passwords
        Assert.Null(await _store.GetLinkAsync(User, Skill, CancellationToken.None));
        var health = await _services.GetRequiredService<SeedStatus>().CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Status);
        Assert.Contains("link in a browser", health.Description);
    }

    private async Task RunSeederUntilAsync(Func<bool> condition)
    {
        var seeder = _services.GetRequiredService<IHostedService>();
        await seeder.StartAsync(CancellationToken.None);
        try
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (!condition())
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        finally
        {
            await seeder.StopAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
