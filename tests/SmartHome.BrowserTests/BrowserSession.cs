using System.Text.RegularExpressions;

namespace SmartHome.BrowserTests;

/// <summary>
/// One person's browser (its own cookies) on the app, phone-sized. A step that fails leaves a screenshot of the page as
/// a test artifact (<c>SMARTHOME_BROWSER_ARTIFACTS</c>, else <c>browser-artifacts/</c> in the test's output folder);
/// <c>SMARTHOME_BROWSER_SCREENSHOTS=dir</c> keeps one of every named step too.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IBrowserContext _context;
    private readonly string _test;
    private int _step;

    private BrowserSession(IBrowserContext context, IPage page, string test)
    {
        _context = context;
        Page = page;
        _test = test;
    }

    public IPage Page { get; }

    public static string ArtifactsDirectory =>
        Environment.GetEnvironmentVariable("SMARTHOME_BROWSER_ARTIFACTS") is { Length: > 0 } given
            ? given
            : Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    public static async Task<BrowserSession> OpenAsync(BrowserWorld world, string test)
    {
        var context = await world.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = world.AppUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        return new BrowserSession(context, await context.NewPageAsync(), test);
    }

    /// <summary>Runs the test's steps; on a failure the page's screenshot is kept, named after the test.</summary>
    public async Task RunAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception)
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            var file = Path.Combine(ArtifactsDirectory, $"{_test}-failed.png");
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 10_000 });
                Console.WriteLine($"screenshot of the failure: {file}");
            }
            catch (PlaywrightException)
            {
                // The page itself is gone: the test's own error says why.
            }

            throw;
        }
    }

    /// <summary>A named step's screenshot, kept only when <c>SMARTHOME_BROWSER_SCREENSHOTS</c> names a folder.</summary>
    public async Task ShotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("SMARTHOME_BROWSER_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        _step++;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{_test}-{_step:00}-{name}.png"), FullPage = true });
    }

    /// <summary>Signs in on the app's sign-in page, as the person types it.</summary>
    public async Task SignInAsync(string person, string password)
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveURLAsync(SignInAddress());
        await Page.GetByLabel("Your name").FillAsync(person);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your devices" })).ToBeVisibleAsync();
    }

    public Task<IReadOnlyList<BrowserContextCookiesResult>> CookiesAsync() => _context.CookiesAsync();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [GeneratedRegex("/signin", RegexOptions.IgnoreCase)]
    private static partial Regex SignInAddress();
}
