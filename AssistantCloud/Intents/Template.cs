namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// One way of saying something, written as words: "turn|switch {device} on", "set {device} to {n} [percent]".
/// <c>a|b</c> is either word, <c>[a|b]</c> either word or none, <c>{n}</c> one number, <c>{device}</c>
/// one or more words that are not words of the grammar (so "is the lamp on" never has the device "is lamp");
/// a template without <c>{device}</c> ("discover devices") is about no device.
/// </summary>
internal sealed class Template
{
    private const string DeviceSlot = "{device}";
    private const string NumberSlot = "{n}";

    private readonly Part[] _parts;

    public Template(string text)
    {
        Text = text;
        _parts = [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParsePart)];
        if (_parts.Count(p => p is Device) > 1)
        {
            throw new ArgumentException($"The template '{text}' must name at most one {DeviceSlot}.", nameof(text));
        }
    }

    public string Text { get; }

    /// <summary>The fixed words of this template, which a device name cannot contain.</summary>
    public IEnumerable<string> Words => _parts.OfType<Literal>().SelectMany(l => l.Words);

    /// <summary>The slots when <paramref name="tokens"/> say exactly this, or null.</summary>
    public TemplateMatch? Match(IReadOnlyList<Token> tokens, ISet<string> notInDeviceNames) =>
        Match(0, tokens, 0, new TemplateMatch("", null), notInDeviceNames);

    public override string ToString() => Text;

    // Backtracking over a handful of words: small enough to be plain recursion.
    private TemplateMatch? Match(int part, IReadOnlyList<Token> tokens, int at, TemplateMatch slots, ISet<string> notInDeviceNames)
    {
        if (part == _parts.Length)
        {
            return at == tokens.Count ? slots : null;
        }

        var next = at < tokens.Count ? tokens[at] : (Token?)null;
        switch (_parts[part])
        {
            case Literal literal:
                if (next is { IsNumber: false } word && literal.Words.Contains(word.Word)
                    && Match(part + 1, tokens, at + 1, slots, notInDeviceNames) is { } matched)
                {
                    return matched;
                }

                return literal.Optional ? Match(part + 1, tokens, at, slots, notInDeviceNames) : null;

            case Number:
                return next is { Number: { } number }
                    ? Match(part + 1, tokens, at + 1, slots with { Number = number }, notInDeviceNames)
                    : null;

            default: // the device: the shortest phrase that lets the rest of the template match
                for (var end = at; end < tokens.Count && !notInDeviceNames.Contains(tokens[end].Word); end++)
                {
                    var device = string.Join(' ', tokens.Skip(at).Take(end - at + 1).Select(t => t.Word));
                    if (Match(part + 1, tokens, end + 1, slots with { Device = device }, notInDeviceNames) is { } found)
                    {
                        return found;
                    }
                }

                return null;
        }
    }

    private static Part ParsePart(string text) => text switch
    {
        DeviceSlot => new Device(),
        NumberSlot => new Number(),
        ['[', .. var inner, ']'] => new Literal([.. inner.Split('|')], Optional: true),
        _ => new Literal([.. text.Split('|')], Optional: false),
    };

    private abstract record Part;

    private sealed record Literal(HashSet<string> Words, bool Optional) : Part;

    private sealed record Number : Part;

    private sealed record Device : Part;
}
