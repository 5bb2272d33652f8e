using System.Globalization;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>Numbers as people say them: "40", "-5", "forty", "twenty five", "a hundred".</summary>
internal static class NumberWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The words as tokens, with every number (in digits or words) made one number token.</summary>
    public static List<Token> Read(IReadOnlyList<string> words)
    {
        var tokens = new List<Token>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var (number, length) = NumberAt(words, i);
            tokens.Add(new Token(string.Join(' ', words.Skip(i).Take(length)), number));
            i += length;
        }

        return tokens;
    }

    /// <summary>The number starting at <paramref name="i"/> and how many words it takes; (null, 1) for a word.</summary>
    private static (int? Number, int Length) NumberAt(IReadOnlyList<string> words, int i)
    {
        var word = words[i];
        var next = i + 1 < words.Count ? words[i + 1] : null;

        // Digits are passed on as said, even out of range: the vendor is the one to refuse them.
        if (int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var digits))
        {
            return (digits, 1);
        }

        if (word is "one" or "a" && next == "hundred")
        {
            return (100, 2);
        }

        if (word == "hundred")
        {
            return (100, 1);
        }

        if (Array.IndexOf(Units, word) is var unit and >= 0)
        {
            return (unit, 1);
        }

        if (Array.IndexOf(Tens, word) is var tens and >= 2)
        {
            return next is not null && Array.IndexOf(Units, next) is var ones and >= 1 and <= 9
                ? (tens * 10 + ones, 2)
                : (tens * 10, 1);
        }

        return (null, 1);
    }
}
