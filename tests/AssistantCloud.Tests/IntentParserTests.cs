using SmartHome.AssistantCloud.Intents;

namespace SmartHome.AssistantCloud.Tests;

public class IntentParserTests
{
    public static TheoryData<string, IntentKind, string, int?> Understood => new()
    {
        { "turn on the bedroom lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "Alexa, turn on the bedroom lamp.", IntentKind.TurnOn, "bedroom lamp", null },
        { "alexa turn on bedroom lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "Please switch on the Bedroom Lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "turn the bedroom lamp on please", IntentKind.TurnOn, "bedroom lamp", null },
        { "  TURN   THE BEDROOM LAMP ON  ", IntentKind.TurnOn, "bedroom lamp", null },
        { "turn off the bedroom lamp", IntentKind.TurnOff, "bedroom lamp", null },
        { "Alexa, please switch off the kitchen light.", IntentKind.TurnOff, "kitchen light", null },
        { "turn the bedroom lamp off", IntentKind.TurnOff, "bedroom lamp", null },
        { "set the bedroom lamp to 40 percent", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "Alexa, set the bedroom lamp to 40 percent.", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set bedroom lamp to 40%", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the bedroom lamp to 40 %", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the brightness of the bedroom lamp to 75", IntentKind.SetBrightness, "bedroom lamp", 75 },
        { "set the brightness of the bedroom lamp to 75 percent", IntentKind.SetBrightness, "bedroom lamp", 75 },
        { "set the bedroom lamp to 150 percent", IntentKind.SetBrightness, "bedroom lamp", 150 },
        { "set the bedroom lamp to -5 percent", IntentKind.SetBrightness, "bedroom lamp", -5 },
        { "brighten the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "brighten the bedroom lamp by 10 percent", IntentKind.AdjustBrightness, "bedroom lamp", 10 },
        { "brighten the bedroom lamp by 10%", IntentKind.AdjustBrightness, "bedroom lamp", 10 },
        { "make the bedroom lamp brighter", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "dim the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", -25 },
        { "dim the bedroom lamp by 30 percent", IntentKind.AdjustBrightness, "bedroom lamp", -30 },
        { "make the bedroom lamp dimmer, please", IntentKind.AdjustBrightness, "bedroom lamp", -25 },
        { "is the bedroom lamp on?", IntentKind.QueryPower, "bedroom lamp", null },
        { "Alexa, is the bedroom lamp off?", IntentKind.QueryPower, "bedroom lamp", null },
        { "what is the bedroom lamp's brightness?", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "what's the bedroom lamp\u2019s brightness", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "what is the brightness of the bedroom lamp", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "how bright is the bedroom lamp?", IntentKind.QueryBrightness, "bedroom lamp", null },
    };

    [Theory]
    [MemberData(nameof(Understood))]
    public void Parses_every_supported_form(string utterance, IntentKind intent, string device, int? value)
    {
        var parsed = IntentParser.Parse(utterance);

        Assert.NotNull(parsed);
        Assert.Equal(intent, parsed.Intent);
        Assert.Equal(device, parsed.DeviceName);
        Assert.Equal(value, parsed.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("what's the weather like")]
    [InlineData("alexa")]
    [InlineData("turn on")]
    [InlineData("set the bedroom lamp to forty percent")]
    [InlineData("open the garage door")]
    [InlineData("please")]
    public void Does_not_understand_other_sentences(string? utterance)
    {
        Assert.Null(IntentParser.Parse(utterance));
    }
}
