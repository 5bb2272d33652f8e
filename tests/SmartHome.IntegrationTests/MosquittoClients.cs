using System.Diagnostics;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Debian's <c>mosquitto_sub</c> and <c>mosquitto_pub</c> (package mosquitto-clients), run as the third-party MQTT 5
/// clients a person would use against the home LAN's broker. Every run is bounded; its output is returned whole.
/// </summary>
public static class MosquittoClients
{
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(30);

    public sealed record Run(int ExitCode, string Output, string Error)
    {
        /// <summary><c>-v</c> lines, each "topic payload", by topic (the last one wins).</summary>
        public IReadOnlyDictionary<string, string> Messages => Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .GroupBy(parts => parts[0])
            .ToDictionary(group => group.Key, group => group.Last().ElementAtOrDefault(1) ?? "");
    }

    /// <summary>
    /// <c>mosquitto_sub -V 5 -u user -P password -t filter... -v -W seconds</c>: what arrives (retained first) until
    /// the wait ends; exit code 27 is that timeout.
    /// </summary>
    public static Task<Run> SubscribeAsync(Uri broker, string user, string password, IEnumerable<string> filters, int waitSeconds = 3) =>
        RunAsync("mosquitto_sub", [.. Connection(broker, user, password), .. filters.SelectMany(f => new[] { "-t", f }), "-v", "-W", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary><c>mosquitto_pub -V 5 -q 1</c>: a refused PUBACK prints "Publish 1 failed: Not authorized." on stderr.</summary>
    public static Task<Run> PublishAsync(Uri broker, string user, string password, string topic, string payload) =>
        RunAsync("mosquitto_pub", [.. Connection(broker, user, password), "-q", "1", "-t", topic, "-m", payload]);

    private static string[] Connection(Uri broker, string user, string password) =>
        ["-V", "5", "-h", broker.Host, "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", user, "-P", password];

    private static async Task<Run> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (is mosquitto-clients installed?)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ProcessBound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await output, await error);
    }
}
