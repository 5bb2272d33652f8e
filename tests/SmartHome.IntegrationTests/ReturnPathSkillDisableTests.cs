namespace SmartHome.IntegrationTests;

/// <summary>
/// Disabling the skill really ends the maker's permission to report: its event-gateway tokens stop working (the next
/// report is refused with SKILL_DISABLED_EXCEPTION), the vendor drops them and marks the grant lost, which its support
/// view and the diagnosis show; linking again gives it a new grant.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathSkillDisableTests(ReturnPathAppFixture fixture)
{
    [Fact]
    public async Task DisablingTheSkillEndsTheVendorsEventTokensAndTheVendorMarksItsGrantLost()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        await fixture.PressAndWaitForChangeReportAsync();
        Assert.Equal("active", (await fixture.VendorAssistantGrantAsync())["state"]!.GetValue<string>());

        try
        {
            using (var assistant = fixture.CreateHttpClient("assistantcloud"))
            {
                using var disabled = await assistant.DeleteAsync($"/api/users/owner/skills/{World.Skill}").WaitAsync(Wire.RequestTimeout);
                Assert.True(disabled.IsSuccessStatusCode, $"disable: {(int)disabled.StatusCode} {await disabled.Content.ReadAsStringAsync()}");
            }

            Assert.Equal("disabled", (await fixture.EventGrantAsync())?["state"]?.GetValue<string>());

            // The vendor's next report is refused: its tokens no longer work, and it gives them up.
            await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
            await Faults.EventuallyAsync(async () => (await fixture.VendorAssistantGrantAsync())["state"]?.GetValue<string>() == "lost",
                "the vendor marks its assistant grant lost", ReturnPathSteps.ReportTimeout * 3);
            var maker = await fixture.VendorAssistantGrantAsync();
            Assert.Equal("skill_disabled", maker["reason"]?.GetValue<string>());
            Assert.Equal("refused", maker["lastReportStatus"]?.GetValue<string>());
            Assert.Equal("SKILL_DISABLED_EXCEPTION", maker["lastReportError"]?.GetValue<string>());
            var own = await fixture.EventGrantAsync();
            Assert.Equal(("refused", "SKILL_DISABLED_EXCEPTION"), (own?["lastEventStatus"]?.GetValue<string>(), own?["lastEventError"]?.GetValue<string>()));

            // A second press is not even tried: the vendor has no tokens left to present.
            await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal("lost", (await fixture.VendorAssistantGrantAsync())["state"]?.GetValue<string>());

            // The diagnosis names the link (the skill is disabled) and that the maker's reports are refused since.
            var report = await fixture.DiagnoseAsync();
            Assert.Equal("link", report.FirstFailingHop);
            var link = report.Hops.Single(h => h.Hop == "link").Detail;
            Assert.Contains("The maker's permission to report ended when the skill was disabled", link);
            Assert.Contains("SKILL_DISABLED_EXCEPTION", link);
        }
        finally
        {
            await fixture.RelinkAsync();
        }

        // Linking again gives the maker a new grant: reports flow again.
        await Faults.EventuallyAsync(async () => (await fixture.VendorAssistantGrantAsync())["state"]?.GetValue<string>() == "active",
            "the vendor's grant is active again after the new link", ReturnPathSteps.ReportTimeout);
        await fixture.PressAndWaitForChangeReportAsync();
    }
}
