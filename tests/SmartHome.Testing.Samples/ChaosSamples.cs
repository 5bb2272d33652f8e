namespace SmartHome.Testing.Samples;

/// <summary>The chaos tests a user of the kit writes: a fault on, what the person hears and the diagnosis names, the fault off.</summary>
[Collection(SampleWorldCollection.Name)]
public sealed class ChaosSamples(SampleWorld sample)
{
    private SmartHomeWorld World => sample.World;

    [Fact]
    public async Task TheLinkExpiresAfterAYearOfSignInAgeAndThePersonLinksAgain()
    {
        await World.EnsureLinkedAsync();
        await World.Clock.AdvanceAsync(TimeSpan.FromDays(365));
        Assert.Equal("LinkExpired", (await World.SayAsync("turn on the bedroom lamp")).Outcome);
        await World.RelinkAsync();
        Assert.True((await World.SayAsync("turn on the bedroom lamp")).Succeeded);
    }

    [Fact]
    public async Task WifiDrop()
    {
        await World.EnsureLinkedAsync();
        await using (await World.Plug().WifiOffAsync())
        {
            await World.Plug().WaitUntilOnlineAsync(false);
            Assert.Equal("ENDPOINT_UNREACHABLE", (await World.SayAsync("turn on the bedroom lamp")).ErrorType);
            await World.DiagnoseUntilAsync("plug");
        }

        await World.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task BroadbandDrop()
    {
        await World.EnsureLinkedAsync();
        await using (await World.Gateway().BroadbandDownAsync())
        {
            Assert.Equal("BRIDGE_UNREACHABLE", (await World.SayUntilAsync("turn on the bedroom lamp", "DeviceError")).ErrorType);
            await World.DiagnoseUntilAsync("uplink");
        }

        await World.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task TokenRevoke()
    {
        await World.EnsureLinkedAsync();
        await using (await World.Vendor().RevokeLinksAsync())
        {
            Assert.Equal("LinkExpired", (await World.SayAsync("turn off the bedroom lamp")).Outcome);
            await World.DiagnoseUntilAsync("link");
        } // undone: the owner links again

        Assert.True((await World.SayAsync("turn off the bedroom lamp")).Succeeded);
    }

    [Fact]
    public async Task ACommandIsTracedThroughEveryService()
    {
        await World.EnsureLinkedAsync();
        var answer = await World.SayAsync("set the bedroom lamp to 40 percent");
        var spans = await World.Traces.WaitForAsync(answer.TraceId, s => s.DistinctBy(span => span.Service).Count() == 4);
        Assert.Equal(["assistantcloud", "devicegateway", "simulatedplug", "vendorcloud"], spans.Select(s => s.Service).Distinct().Order());
        Assert.DoesNotContain(spans, span => span.IsError);
    }
}
