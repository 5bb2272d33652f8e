using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// Turns an English utterance into an intent and the device name as said. Pure: matching the name
/// against the person's endpoints is <see cref="EndpointMatcher"/>'s job.
/// </summary>
public static partial class IntentParser
{
    /// <summary>Dim and brighten without a number move this many percent.</summary>
    public const int DefaultStep = 25;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Order matters: the specific "set the brightness of X" must win over the generic "set X to N".
    private static readonly (Regex Pattern, Func<Match, ParsedUtterance> Build)[] Forms =
    [
        (SwitchOnPrefix(), m => new(IntentKind.TurnOn, Device(m))),
        (SwitchOnSuffix(), m => new(IntentKind.TurnOn, Device(m))),
        (SwitchOffPrefix(), m => new(IntentKind.TurnOff, Device(m))),
        (SwitchOffSuffix(), m => new(IntentKind.TurnOff, Device(m))),
        (SetBrightnessOf(), m => new(IntentKind.SetBrightness, Device(m), Number(m))),
        (SetTo(), m => new(IntentKind.SetBrightness, Device(m), Number(m))),
        (BrightenBy(), m => new(IntentKind.AdjustBrightness, Device(m), Number(m))),
        (DimBy(), m => new(IntentKind.AdjustBrightness, Device(m), -Number(m))),
        (Brighten(), m => new(IntentKind.AdjustBrightness, Device(m), DefaultStep)),
        (Dim(), m => new(IntentKind.AdjustBrightness, Device(m), -DefaultStep)),
        (MakeBrighter(), m => new(IntentKind.AdjustBrightness, Device(m), DefaultStep)),
        (MakeDimmer(), m => new(IntentKind.AdjustBrightness, Device(m), -DefaultStep)),
        (IsOnOrOff(), m => new(IntentKind.QueryPower, Device(m))),
        (WhatIsPossessiveBrightness(), m => new(IntentKind.QueryBrightness, Device(m))),
        (WhatIsBrightnessOf(), m => new(IntentKind.QueryBrightness, Device(m))),
        (HowBright(), m => new(IntentKind.QueryBrightness, Device(m))),
    ];

    /// <summary>The intent of <paramref name="utterance"/>, or null when it is not understood.</summary>
    public static ParsedUtterance? Parse(string? utterance)
    {
        if (string.IsNullOrWhiteSpace(utterance))
        {
            return null;
        }

        var text = Normalize(utterance);
        foreach (var (pattern, build) in Forms)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                var parsed = build(match);
                return parsed.DeviceName.Length == 0 ? null : parsed;
            }
        }

        return null;
    }

    /// <summary>Lower case, single spaces, no wake word, no "please", no final punctuation.</summary>
    internal static string Normalize(string utterance)
    {
        var text = Whitespace().Replace(utterance.Trim().ToLowerInvariant(), " ");
        text = text.Replace('\u2019', '\''); // typographic apostrophe from phone keyboards
        text = text.TrimEnd('.', '?', '!', ' ');
        text = WakeWord().Replace(text, "");
        text = LeadingPlease().Replace(text, "");
        text = TrailingPlease().Replace(text, "");
        return text.Trim(' ', ',');
    }

    /// <summary>A device name as said, without a leading "the" and with single spaces.</summary>
    public static string NormalizeDeviceName(string name)
    {
        var text = Whitespace().Replace(name.Trim().ToLowerInvariant(), " ");
        return LeadingThe().Replace(text, "").Trim();
    }

    private static string Device(Match match) => NormalizeDeviceName(match.Groups["device"].Value);

    // Values are passed on as said, even out of range: the vendor is the one to refuse them.
    private static int Number(Match match) =>
        int.Parse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private const string Percent = @"(?:\s*%|\s+percent)";
    private const string Value = @"(?<number>-?\d{1,6})";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:hey\s+)?alexa\b[,\s]*", Options)]
    private static partial Regex WakeWord();

    [GeneratedRegex(@"^please\b[,\s]*", Options)]
    private static partial Regex LeadingPlease();

    [GeneratedRegex(@"[,\s]+please$", Options)]
    private static partial Regex TrailingPlease();

    [GeneratedRegex(@"^the\s+", Options)]
    private static partial Regex LeadingThe();

    [GeneratedRegex(@"^(?:turn|switch) on (?<device>.+)$", Options)]
    private static partial Regex SwitchOnPrefix();

    [GeneratedRegex(@"^(?:turn|switch) (?<device>.+) on$", Options)]
    private static partial Regex SwitchOnSuffix();

    [GeneratedRegex(@"^(?:turn|switch) off (?<device>.+)$", Options)]
    private static partial Regex SwitchOffPrefix();

    [GeneratedRegex(@"^(?:turn|switch) (?<device>.+) off$", Options)]
    private static partial Regex SwitchOffSuffix();

    [GeneratedRegex(@"^set (?:the )?brightness (?:of|for) (?<device>.+) to " + Value + Percent + "?$", Options)]
    private static partial Regex SetBrightnessOf();

    [GeneratedRegex(@"^set (?<device>.+) to " + Value + Percent + "$", Options)]
    private static partial Regex SetTo();

    [GeneratedRegex(@"^brighten (?<device>.+) by " + Value + Percent + "?$", Options)]
    private static partial Regex BrightenBy();

    [GeneratedRegex(@"^dim (?<device>.+) by " + Value + Percent + "?$", Options)]
    private static partial Regex DimBy();

    [GeneratedRegex(@"^brighten (?<device>.+)$", Options)]
    private static partial Regex Brighten();

    [GeneratedRegex(@"^dim (?<device>.+)$", Options)]
    private static partial Regex Dim();

    [GeneratedRegex(@"^make (?<device>.+) brighter$", Options)]
    private static partial Regex MakeBrighter();

    [GeneratedRegex(@"^make (?<device>.+) dimmer$", Options)]
    private static partial Regex MakeDimmer();

    [GeneratedRegex(@"^is (?<device>.+) (?:on|off)$", Options)]
    private static partial Regex IsOnOrOff();

    [GeneratedRegex(@"^what(?:'s| is) (?<device>.+)'s? brightness$", Options)]
    private static partial Regex WhatIsPossessiveBrightness();

    [GeneratedRegex(@"^what(?:'s| is) the brightness (?:of|for) (?<device>.+)$", Options)]
    private static partial Regex WhatIsBrightnessOf();

    [GeneratedRegex(@"^how bright is (?<device>.+)$", Options)]
    private static partial Regex HowBright();
}
