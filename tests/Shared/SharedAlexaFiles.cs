namespace SmartHome.Tests.Shared;

/// <summary>
/// The official Alexa schema and samples live beside the repository in ../shared/alexa and are
/// never copied into it. Absent: the tests that need them skip with the reason, except under
/// CI=true where they fail. Linked into each test project that validates Alexa messages.
/// </summary>
public static class SharedAlexaFiles
{
    public static string? Directory { get; } = Find();

    public static string SchemaPath => Path.Combine(Require(), "alexa_smart_home_message_schema.json");

    /// <summary>The folder, or a skip (a failure under CI=true) when it is absent.</summary>
    public static string Require()
    {
        if (Directory is not null)
        {
            return Directory;
        }

        const string reason = "../shared/alexa (the Alexa Smart Home message schema) is not beside the repository";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + ", and CI=true requires it.");
        }

        Skip.If(true, reason + ".");
        return null!;
    }

    /// <summary>A file under sample_messages, e.g. "Discovery/Discovery.response.json".</summary>
    public static string SamplePath(string relativePath) => Path.Combine(Require(), "sample_messages", relativePath);

    private static string? Find()
    {
        // A worktree outside the repository's usual parent names the folder itself.
        if (Environment.GetEnvironmentVariable("SMARTHOME_SHARED_ALEXA") is { Length: > 0 } named)
        {
            return File.Exists(Path.Combine(named, "alexa_smart_home_message_schema.json")) ? Path.GetFullPath(named) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartHome.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "alexa"));
                return File.Exists(Path.Combine(shared, "alexa_smart_home_message_schema.json")) ? shared : null;
            }
        }

        return null;
    }
}
