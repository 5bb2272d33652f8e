using System.Text.RegularExpressions;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// Turns an utterance into lower-case words and numbers, without the words that carry no meaning for
/// a command: wake word, politeness, articles ("Alexa, could you please turn on the lamp" is
/// "turn on lamp").
/// </summary>
internal static partial class Tokenizer
{
    private static readonly string[] FillerPhrases =
    [
        "alexa", "hey", "ok", "okay", "please", "kindly", "thanks", "thank you",
        "could you", "can you", "would you", "will you", "i want to", "i would like to", "i'd like to",
        "for me", "right now", "now", "just", "the", "my", "all",
        // Degree words: "dim the lamp a bit" is the default step.
        "a bit", "a little", "a little bit", "a tad", "slightly",
    ];

    // Longest first, so that "a little bit" wins over "a little".
    private static readonly string[][] Fillers = [.. FillerPhrases.Select(f => f.Split(' ')).OrderByDescending(f => f.Length)];

    private static readonly Dictionary<string, string[]> Contractions = new()
    {
        ["what's"] = ["what", "is"],
        ["how's"] = ["how", "is"],
        ["it's"] = ["it", "is"],
        ["that's"] = ["that", "is"],
    };

    /// <summary>The tokens of <paramref name="text"/> that carry meaning.</summary>
    public static IReadOnlyList<Token> Tokenize(string text) => WithoutFillers(NumberWords.Read(Words(text)));

    /// <summary>Lower-case words; "%" and "per cent" are "percent", a possessive "'s" is dropped.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var normalized = text.ToLowerInvariant().Replace('\u2019', '\''); // typographic apostrophe from phone keyboards
        foreach (Match match in WordPattern().Matches(normalized))
        {
            var word = match.Value.Trim('\'');
            if (word.Length == 0)
            {
                continue;
            }

            if (Contractions.TryGetValue(word, out var expanded))
            {
                words.AddRange(expanded);
            }
            else if (word == "%")
            {
                words.Add("percent");
            }
            else if (word == "cent" && words is [.., "per"])
            {
                words[^1] = "percent";
            }
            else
            {
                words.Add(word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word);
            }
        }

        return words;
    }

    private static List<Token> WithoutFillers(List<Token> tokens)
    {
        var kept = new List<Token>(tokens.Count);
        for (var i = 0; i < tokens.Count;)
        {
            var filler = Fillers.FirstOrDefault(f => StartsWith(tokens, i, f));
            if (filler is not null)
            {
                i += filler.Length;
                continue;
            }

            kept.Add(tokens[i]);
            i++;
        }

        return kept;
    }

    private static bool StartsWith(List<Token> tokens, int start, string[] phrase)
    {
        if (start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (tokens[start + i] is not { IsNumber: false } token || token.Word != phrase[i])
            {
                return false;
            }
        }

        return true;
    }

    // A signed number, a percent sign, or a word (letters, digits, apostrophes); all else separates.
    [GeneratedRegex(@"-?\d+|%|[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
