using System.Security.Cryptography;

namespace SmartHome.BrowserTests;

/// <summary>
/// One world and one browser for the browser tests (an AppHost start is the slow part): the real AppHost through the
/// chaos kit, and Debian's chromium driven by Playwright (<c>LaunchOptions.ExecutablePath</c>; no browser download).
/// Without a chromium the tests skip, saying why; under <c>CI=true</c> they fail instead.
/// </summary>
public sealed class BrowserWorld : IAsyncLifetime
{
    /// <summary>Where the browser is: <c>SMARTHOME_CHROMIUM</c>, else Debian's.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("SMARTHOME_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";

    /// <summary>The owner's app password (the AppHost's secret parameter <c>owner-app-password</c>), fresh for this world.</summary>
    public string OwnerAppPassword { get; } = $"app-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    public SmartHomeWorld World { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Why the tests cannot run here (no chromium), or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The app: assistantcloud's <c>app</c> endpoint.</summary>
    public Uri AppUrl => World.App.GetEndpoint("assistantcloud", "app");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var reason = $"No chromium at {ChromiumPath}: install Debian's (apt-get install -y chromium) or set SMARTHOME_CHROMIUM.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(reason + " Under CI=true the browser tests must run.");
            }

            SkipReason = reason;
            return;
        }

        // A secret parameter of the kit's: passed to the AppHost, and searched for in the telemetry with the others.
        World = await SmartHomeWorld.StartAsync(options => options.SecretParameters["owner-app-password"] = OwnerAppPassword);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers and CI runners have no user namespaces for chromium's sandbox.
            Args = ["--no-sandbox"],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (World is not null)
        {
            await World.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserWorldCollection : ICollectionFixture<BrowserWorld>
{
    public const string Name = "the browser tests' world";
}
