using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SmartHome.BrowserTests;

/// <summary>
/// The README's story lived in the browser: the person signs in to the Assistant app, sees and dims the lamp, reads the
/// link-expired notice a year later, links again through the vendor's sign-in page, and asks why the light does not work.
/// </summary>
[Collection(BrowserWorldCollection.Name)]
public sealed class PersonAppTests(BrowserWorld fixture)
{
    private const string Owner = "owner";
    private const string Lamp = "bedroom lamp";

    private SmartHomeWorld World => fixture.World;

    [SkippableFact]
    public async Task SignIn_ShowsTheLampWithItsState_AndTheSessionCookieIsHttpOnlyAndSameSite()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(SignIn_ShowsTheLampWithItsState_AndTheSessionCookieIsHttpOnlyAndSameSite));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var lamp = LampCard(browser.Page);
            await Expect(lamp.GetByRole(AriaRole.Heading, new() { Name = Lamp })).ToBeVisibleAsync();
            await Expect(lamp.Locator("[data-field=power]")).ToHaveTextAsync(new Regex("^(On|Off)$"));
            await Expect(lamp.GetByLabel($"Brightness of {Lamp}")).ToBeVisibleAsync();
            await browser.ShotAsync("devices");

            var session = (await browser.CookiesAsync()).Single(c => c.Name == "assistant-session");
            Assert.True(session.HttpOnly);
            Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        });
    }

    [SkippableFact]
    public async Task WrongPassword_IsRefused_AndTheNameTypedStays()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(WrongPassword_IsRefused_AndTheNameTypedStays));
        await browser.RunAsync(async () =>
        {
            await browser.Page.GotoAsync("/signin");
            await browser.Page.GetByLabel("Your name").FillAsync(Owner);
            await browser.Page.GetByLabel("Password").FillAsync("not-the-password");
            await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not correct");
            await Expect(browser.Page.GetByLabel("Your name")).ToHaveValueAsync(Owner);
            await browser.ShotAsync("wrong-password");
        });
    }

    [SkippableFact]
    public async Task Slider_DimsTheLamp_ThePlugFollows_AndAButtonPressShowsLive()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(Slider_DimsTheLamp_ThePlugFollows_AndAButtonPressShowsLive));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var page = browser.Page;
            await LampCard(page).GetByRole(AriaRole.Button, new() { Name = $"Turn on {Lamp}" }).ClickAsync();
            await Expect(page.Locator("#speech")).ToHaveTextAsync("OK");
            await Expect(LampCard(page).Locator("[data-field=power]")).ToHaveTextAsync("On");

            // The slider submits when let go: the assistant sends SetBrightness down the chain.
            await LampCard(page).GetByLabel($"Brightness of {Lamp}").FillAsync("30");
            await Expect(page.Locator("#speech")).ToHaveTextAsync("OK");
            await Expect(LampCard(page).Locator("[data-field=brightness]")).ToHaveTextAsync("30");
            await World.EventuallyAsync(async () => (await World.Plug().StateAsync()) is { Power: "ON", Brightness: 30 },
                () => "the plug at 30 percent");
            await browser.ShotAsync("dimmed");

            // A press of the plug's own button travels back (ChangeReport): the open page follows without a reload.
            await World.Plug().PressButtonAsync();
            await Expect(LampCard(page).Locator("[data-field=power]")).ToHaveTextAsync("Off");
            await browser.ShotAsync("button-pressed");
        });
    }

    [SkippableFact]
    public async Task PersonApi_WithASession_IsBoundToItsPerson()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(PersonApi_WithASession_IsBoundToItsPerson));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var api = browser.Page.APIRequest;
            // The session speaks: no user in the body.
            var own = await api.PostAsync("/api/utterances", new() { DataObject = new { text = "is the bedroom lamp on" } });
            Assert.Equal(200, own.Status);
            // Naming another person with a session is refused, on every person endpoint.
            var other = await api.PostAsync("/api/utterances", new() { DataObject = new { user = "alice", text = "turn on the lamp" } });
            Assert.Equal(403, other.Status);
            Assert.Equal(403, (await api.GetAsync("/api/users/alice/devices")).Status);
            Assert.Equal(403, (await api.GetAsync("/api/diagnose?user=alice&device=lamp")).Status);
            Assert.Equal(200, (await api.GetAsync("/api/users/owner/devices")).Status);
        });
    }

    [SkippableFact]
    public async Task AYearLater_TheNoticeShows_LinkAgainThroughTheVendorsPage_ResolvesIt()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(AYearLater_TheNoticeShows_LinkAgainThroughTheVendorsPage_ResolvesIt));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var page = browser.Page;
            await World.Clock.AdvanceAsync(TimeSpan.FromDays(365));

            await SayAsync(page, "turn on the bedroom lamp");
            await Expect(page.Locator("#speech")).ToContainTextAsync("has expired");
            await browser.ShotAsync("link-expired-answer");

            // The nav counts the notices that need the person.
            await Expect(Nav(page, "Notifications (1)")).ToBeVisibleAsync();
            await Nav(page, "Notifications").ClickAsync();
            var notice = page.Locator(".notice[data-kind=LinkExpired]").First;
            await Expect(notice).ToContainTextAsync("The link between accounts has expired");
            await Expect(notice.Locator("[data-field=resolved]")).ToHaveTextAsync("Needs you");
            await browser.ShotAsync("notice");

            // Link again: the real authorization-code + PKCE flow, on the vendor's sign-in page.
            await notice.GetByRole(AriaRole.Button, new() { Name = "Link again" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/oauth/authorize"));
            await Expect(page.Locator("body")).ToContainTextAsync("Assistant");
            await Expect(page.Locator("body")).ToContainTextAsync("My SmartHome");
            await page.GetByLabel("E-mail").FillAsync(World.Options.OwnerEmail);
            await page.GetByLabel("Password").FillAsync("a-wrong-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not correct");
            await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync(World.Options.OwnerEmail);
            await browser.ShotAsync("vendor-sign-in-error");
            await page.GetByLabel("Password").FillAsync(World.Secrets["owner-password"]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            // Back in the app, linked; the notice kept and resolved.
            await Expect(page).ToHaveURLAsync(new Regex("/skills"));
            await Expect(page.Locator("[data-field=link-state]").First).ToHaveTextAsync("Linked");
            await browser.ShotAsync("linked-again");
            await Nav(page, "Notifications").ClickAsync();
            await Expect(page.Locator(".notice[data-kind=LinkExpired]").First.Locator("[data-field=resolved]")).ToHaveTextAsync("Resolved");

            await Nav(page, "Devices").ClickAsync();
            await SayAsync(page, "turn on the bedroom lamp");
            await Expect(page.Locator("#speech")).ToHaveTextAsync("OK");
        });
    }

    [SkippableFact]
    public async Task ADisabledSkill_EnableToUse_LinksThroughTheVendorsPage_AndTheLampComesBack()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        using (var assistant = World.CreateHttpClient("assistantcloud"))
        {
            (await assistant.DeleteAsync($"/api/users/{Owner}/skills/{SmartHomeWorld.Skill}")).EnsureSuccessStatusCode();
        }

        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(ADisabledSkill_EnableToUse_LinksThroughTheVendorsPage_AndTheLampComesBack));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var page = browser.Page;
            await Expect(page.GetByText("No devices yet")).ToBeVisibleAsync();
            await Nav(page, "Skills").ClickAsync();
            await Expect(page.Locator("[data-field=link-state]").First).ToHaveTextAsync("Not linked");
            await browser.ShotAsync("not-linked");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enable to use" }).ClickAsync();

            await Expect(page.Locator("#consent")).ToContainTextAsync("Assistant is asking for access to your My SmartHome account");
            await browser.ShotAsync("vendor-sign-in");
            await page.GetByLabel("E-mail").FillAsync(World.Options.OwnerEmail);
            await page.GetByLabel("Password").FillAsync(World.Secrets["owner-password"]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/skills"));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is linked");
            await Expect(page.Locator("[data-field=link-state]").First).ToHaveTextAsync("Linked");
            await Nav(page, "Devices").ClickAsync();
            await Expect(LampCard(page).GetByRole(AriaRole.Heading, new() { Name = Lamp })).ToBeVisibleAsync();
        });
    }

    [SkippableFact]
    public async Task WifiOff_TheDiagnosisNamesThePlug_AndLinksTheCommandsTrace()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await World.EnsureLinkedAsync();
        await using var browser = await BrowserSession.OpenAsync(fixture, nameof(WifiOff_TheDiagnosisNamesThePlug_AndLinksTheCommandsTrace));
        await browser.RunAsync(async () =>
        {
            await browser.SignInAsync(Owner, fixture.OwnerAppPassword);
            var page = browser.Page;
            await using (await World.Plug().WifiOffAsync())
            {
                await World.Plug().WaitUntilOnlineAsync(false);
                await SayAsync(page, "turn on the bedroom lamp");
                await Expect(page.Locator("#speech")).ToContainTextAsync("not responding");

                await Nav(page, "Why doesn't my light work?").ClickAsync();
                await page.GetByLabel("Which device?").SelectOptionAsync(Lamp);
                await page.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
                var diagnosis = page.Locator("#diagnosis");
                await Expect(diagnosis).ToHaveAttributeAsync("data-first-failing-hop", "plug");
                await Expect(diagnosis.Locator("li.failed")).ToHaveAttributeAsync("data-hop", "plug");
                await Expect(page.Locator("#cause")).ToContainTextAsync("plug");
                await Expect(page.Locator("#fix")).Not.ToBeEmptyAsync();
                var trace = page.Locator("#trace-link");
                await Expect(trace).ToHaveAttributeAsync("href", new Regex("/traces/detail/[0-9a-f]{32}$"));
                Assert.StartsWith(World.DashboardUrl.GetLeftPart(UriPartial.Authority), await trace.GetAttributeAsync("href"), StringComparison.Ordinal);
                await browser.ShotAsync("diagnosis");
            }

            await World.Plug().WaitUntilOnlineAsync(true);
        });
    }

    [SkippableFact]
    public async Task TheAppEndpoint_IsLinkedFromTheDashboardsResourceRow()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        // Every row of the assistant: one, or one per replica with cloud-replicas (each has its own state).
        foreach (var row in await World.InstancesAsync("assistantcloud").WaitAsync(TimeSpan.FromMinutes(1)))
        {
            Assert.True(World.App.ResourceNotifications.TryGetCurrentState(row, out var resource), row);
            Assert.Contains(resource.Snapshot.Urls, url => url.DisplayProperties.DisplayName == "Assistant app" && url.Name == "app");
        }
    }

    /// <summary>A section's link in the app's navigation.</summary>
    private static ILocator Nav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = name });

    private static ILocator LampCard(IPage page) => page.Locator(".device", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = Lamp }) });

    private static async Task SayAsync(IPage page, string text)
    {
        await page.GetByLabel("What would you say to Assistant?").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Say it" }).ClickAsync();
    }
}
