namespace SmartHome.AssistantCloud.Intents;

/// <summary>
/// Turns an English utterance into an intent and the device name as said. The grammar is the table
/// below: one template per way of saying something, matched over the utterance's words once fillers
/// ("Alexa", "please", "could you", "the") are gone, the first match wins. Pure: which endpoint the
/// name means is <see cref="EndpointMatcher"/>'s job.
/// </summary>
public static class IntentParser
{
    /// <summary>Dim and brighten without a number move this many percent.</summary>
    public const int DefaultStep = 25;

    private static readonly (Template Template, Func<TemplateMatch, ParsedUtterance> Meaning)[] Rules =
    [
        // Discovery again, about no device ("my" and "all" are fillers).
        Rule("discover|find [new] devices", Discover),
        Rule("scan|search for [new] devices", Discover),
        Rule("discover", Discover),

        // On and off.
        Rule("turn|switch on {device}", TurnOn),
        Rule("turn|switch {device} on", TurnOn),
        Rule("{device} on", TurnOn),
        Rule("turn|switch|shut off {device}", TurnOff),
        Rule("turn|switch|shut {device} off", TurnOff),
        Rule("{device} off", TurnOff),

        // A brightness level ("percent" optional, except after a bare device name).
        Rule("set|put|turn|change|adjust {device} [brightness] [to|at] {n} [percent] [brightness]", SetTo),
        Rule("set|change|adjust brightness of|for|on {device} [to|at] {n} [percent]", SetTo),
        Rule("turn|switch on {device} to|at {n} [percent]", SetTo),
        Rule("turn|switch {device} on to|at {n} [percent]", SetTo),
        Rule("dim|brighten|raise|lower|increase|decrease {device} [brightness] to {n} [percent]", SetTo),
        Rule("turn up|down {device} to {n} [percent]", SetTo),
        Rule("turn {device} up|down to {n} [percent]", SetTo),
        Rule("make {device} {n} percent", SetTo),
        Rule("{device} [brightness] to|at {n} [percent]", SetTo),
        Rule("{device} [brightness] {n} percent", SetTo),
        Rule("{device} brightness {n}", SetTo),

        // Brighter: by the number said, else by the default step.
        Rule("brighten|raise|increase {device} [brightness]", Brighter),
        Rule("brighten|raise|increase {device} [brightness] by {n} [percent]", Brighter),
        Rule("raise|increase brightness of|on|for {device}", Brighter),
        Rule("raise|increase brightness of|on|for {device} by {n} [percent]", Brighter),
        Rule("turn up [brightness] [of|on|for] {device}", Brighter),
        Rule("turn up {device} by {n} [percent]", Brighter),
        Rule("turn {device} up", Brighter),
        Rule("turn {device} up by {n} [percent]", Brighter),
        Rule("[make] {device} brighter", Brighter),
        Rule("[make] {device} brighter by {n} [percent]", Brighter),

        // Dimmer: the same words the other way.
        Rule("dim|lower|decrease {device} [brightness]", Dimmer),
        Rule("dim|lower|decrease {device} [brightness] by {n} [percent]", Dimmer),
        Rule("dim|lower|decrease brightness of|on|for {device}", Dimmer),
        Rule("dim|lower|decrease brightness of|on|for {device} by {n} [percent]", Dimmer),
        Rule("turn down [brightness] [of|on|for] {device}", Dimmer),
        Rule("turn down {device} by {n} [percent]", Dimmer),
        Rule("turn {device} down", Dimmer),
        Rule("turn {device} down by {n} [percent]", Dimmer),
        Rule("[make] {device} dimmer|darker", Dimmer),
        Rule("[make] {device} dimmer|darker by {n} [percent]", Dimmer),

        // Questions (a possessive "'s" is already gone: "what is lamp brightness").
        Rule("is {device} [turned|switched] on|off", AskPower),
        Rule("is {device} on or off", AskPower),
        Rule("what is {device} status|state", AskPower),
        Rule("what is status|state of {device}", AskPower),
        Rule("what is {device} brightness", AskBrightness),
        Rule("what is brightness of|on|for {device}", AskBrightness),
        Rule("what is {device} [brightness] set to|at", AskBrightness),
        Rule("what brightness is {device} [set] [to|at]", AskBrightness),
        Rule("how bright is {device}", AskBrightness),
    ];

    // A device name is never a word of the grammar, nor a word that needs the conversation to mean a device.
    private static readonly HashSet<string> NotInDeviceNames =
        [.. Rules.SelectMany(r => r.Template.Words), "it", "them", "that", "this", "these", "those", "me", "you", "i", "we", "us"];

    /// <summary>The intent of <paramref name="utterance"/>, or null when it is not understood.</summary>
    public static ParsedUtterance? Parse(string? utterance)
    {
        if (string.IsNullOrWhiteSpace(utterance))
        {
            return null;
        }

        var tokens = Tokenizer.Tokenize(utterance);
        foreach (var (template, meaning) in Rules)
        {
            if (template.Match(tokens, NotInDeviceNames) is { } match)
            {
                return meaning(match);
            }
        }

        return null;
    }

    private static (Template, Func<TemplateMatch, ParsedUtterance>) Rule(string template, Func<TemplateMatch, ParsedUtterance> meaning) =>
        (new Template(template), meaning);

    private static ParsedUtterance Discover(TemplateMatch m) => new(IntentKind.Discover, "");

    private static ParsedUtterance TurnOn(TemplateMatch m) => new(IntentKind.TurnOn, m.Device);

    private static ParsedUtterance TurnOff(TemplateMatch m) => new(IntentKind.TurnOff, m.Device);

    // Values are passed on as said, even out of range: the vendor is the one to refuse them.
    private static ParsedUtterance SetTo(TemplateMatch m) => new(IntentKind.SetBrightness, m.Device, m.Number);

    private static ParsedUtterance Brighter(TemplateMatch m) => new(IntentKind.AdjustBrightness, m.Device, m.Number ?? DefaultStep);

    private static ParsedUtterance Dimmer(TemplateMatch m) => new(IntentKind.AdjustBrightness, m.Device, -(m.Number ?? DefaultStep));

    private static ParsedUtterance AskPower(TemplateMatch m) => new(IntentKind.QueryPower, m.Device);

    private static ParsedUtterance AskBrightness(TemplateMatch m) => new(IntentKind.QueryBrightness, m.Device);
}
