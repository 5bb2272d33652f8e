using System.Globalization;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// A device name as words to compare: tokenized like an utterance (so "The Bedroom Lamp" and "bedroom
/// lamp" are the same words), and in <see cref="Canonical"/> form with "lamp" and "light" one word and
/// numbers in digits ("lamp one" is "lamp 1").
/// </summary>
internal static class DeviceWords
{
    private const string Light = "light";

    private static readonly HashSet<string> LightWords = ["light", "lights", "lamp", "lamps"];

    /// <summary>The words as said, lower case, without fillers.</summary>
    public static IReadOnlyList<string> Literal(string name) => [.. Tokenizer.Tokenize(name).Select(t => t.Word)];

    /// <summary>The words with lamp/light synonyms and number words made the same.</summary>
    public static IReadOnlyList<string> Canonical(string name) => [.. Tokenizer.Tokenize(name).Select(CanonicalWord)];

    /// <summary>"light", "lights", "lamp" or "lamps" (in canonical form: "light").</summary>
    public static bool IsLightWord(string word) => LightWords.Contains(word);

    private static string CanonicalWord(Token token) =>
        token.Number is { } number ? number.ToString(CultureInfo.InvariantCulture)
        : IsLightWord(token.Word) ? Light
        : token.Word;
}
