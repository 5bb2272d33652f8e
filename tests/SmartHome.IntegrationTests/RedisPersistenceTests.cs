using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace SmartHome.IntegrationTests;

/// <summary>Restarting the redis resource (embedded or server mode) loses nothing that was acknowledged.</summary>
[Collection(SmartHomeCollection.Name)]
public sealed class RedisPersistenceTests(SmartHomeAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task DataAndTheAccountLinkSurviveARestartOfRedis()
    {
        await fixture.EnsureLinkedAsync();
        using var cts = new CancellationTokenSource(Timeout);
        var key = $"test:persistence:{Guid.NewGuid():n}";
        var connectionString = await fixture.GetRedisConnectionStringAsync(cts.Token);

        await using (var before = await ConnectionMultiplexer.ConnectAsync(connectionString).WaitAsync(cts.Token))
        {
            Assert.True(await before.GetDatabase().StringSetAsync(key, "acknowledged"));
        }

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.RestartCommand, cts.Token).WaitAsync(Timeout);
        Assert.True(result.Success, $"restart failed: {result.Message}");
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", cts.Token).WaitAsync(Timeout);

        await using (var after = await ConnectionMultiplexer.ConnectAsync(connectionString).WaitAsync(cts.Token))
        {
            Assert.Equal("acknowledged", (string?)await after.GetDatabase().StringGetAsync(key));
            await after.GetDatabase().KeyDeleteAsync(key);
        }

        // The services' multiplexers reconnect by themselves; the link and the device names were kept.
        var answer = await RetryUntilSuccessAsync("turn on the bedroom lamp", cts.Token);
        Assert.Equal("Success", answer.Outcome);
        Assert.Equal("ON", (await fixture.GetPlugStateAsync()).Power);
    }

    private async Task<UtteranceAnswer> RetryUntilSuccessAsync(string text, CancellationToken cancellationToken)
    {
        // Right after the restart a service may not have reconnected yet; that is not data loss.
        UtteranceAnswer answer;
        var attempts = 0;
        do
        {
            answer = await fixture.SayAsync(text);
            if (answer.Outcome == "Success" || ++attempts >= 10)
            {
                return answer;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        while (true);
    }
}
