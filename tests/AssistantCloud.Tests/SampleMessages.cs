using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// Amazon's sample messages in ../shared/alexa/sample_messages. A test that reads one is a
/// SkippableFact: without the folder it skips with the reason (and fails under CI=true).
/// </summary>
internal static class SampleMessages
{
    public static string Text(string relativePath) => File.ReadAllText(SharedAlexaFiles.SamplePath(relativePath));

    public static JsonObject Json(string relativePath) => JsonNode.Parse(Text(relativePath))!.AsObject();
}
