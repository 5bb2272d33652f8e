using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>Amazon's sample messages in ../shared/alexa/sample_messages, found from the repository root.</summary>
internal static class SampleMessages
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartHome.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "alexa", "sample_messages");
            }
        }

        throw new DirectoryNotFoundException("The repository root (SmartHome.sln) was not found above the test binaries.");
    });

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Folder.Value, relativePath));

    public static JsonObject Json(string relativePath) => JsonNode.Parse(Text(relativePath))!.AsObject();
}
