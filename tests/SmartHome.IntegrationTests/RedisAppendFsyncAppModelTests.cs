using Aspire.Hosting.ApplicationModel;

namespace SmartHome.IntegrationTests;

/// <summary>The AppHost's <c>Redis:AppendFsync</c> as the app model shows it (what Redis is started with), without starting anything.</summary>
public sealed class RedisAppendFsyncAppModelTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("embedded", null, new string[0])]
    [InlineData("embedded", "everysec", new[] { "--aof-commit-freq", "1000" })]
    [InlineData("server", null, new[] { "--appendfsync", "always" })]
    [InlineData("server", "everysec", new[] { "--appendfsync", "everysec" })]
    [InlineData("cluster", "Everysec", new[] { "--appendfsync", "everysec" })]
    public async Task Redis_commits_its_append_only_file_as_configured(string mode, string? fsync, string[] expected)
    {
        string[] arguments = fsync is null ? [$"--Redis:Mode={mode}"] : [$"--Redis:Mode={mode}", $"--Redis:AppendFsync={fsync}"];
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments).WaitAsync(Bound);

        var args = await TextArgumentsAsync(builder.Resources.Single(r => r.Name == "redis"));

        if (expected.Length == 0)
        {
            Assert.DoesNotContain("--aof-commit-freq", args);
            return;
        }

        var at = args.IndexOf(expected[0]);
        Assert.True(at >= 0, $"{expected[0]} not in: {string.Join(' ', args)}");
        Assert.Equal(expected[1], args[at + 1]);
    }

    [Fact]
    public async Task A_value_redis_does_not_know_stops_the_start_saying_which_it_knows()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                ["--Redis:AppendFsync=sometimes"]).WaitAsync(Bound);
        }).WaitAsync(Bound);

        var message = error.GetBaseException().Message;
        Assert.Contains("Redis:AppendFsync 'sometimes'", message, StringComparison.Ordinal);
        Assert.Contains("always, everysec", message, StringComparison.Ordinal);
    }

    /// <summary>The resource's command-line arguments that are plain text (endpoint references left out).</summary>
    private static async Task<List<string>> TextArgumentsAsync(IResource resource)
    {
        var values = new List<object>();
        var context = new CommandLineArgsCallbackContext(values, CancellationToken.None);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context).WaitAsync(Bound);
        }

        return [.. values.OfType<string>()];
    }
}
