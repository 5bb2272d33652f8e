using SmartHome.AssistantCloud.Intents;

namespace SmartHome.AssistantCloud.Tests;

public class IntentParserTests
{
    /// <summary>
    /// What people say to a voice assistant about a light, with the intent, device phrase and value the
    /// grammar must find; a null intent is a sentence the grammar must not match.
    /// </summary>
    public static TheoryData<string, IntentKind?, string?, int?> Utterances => new()
    {
        // On and off
        { "turn on the bedroom lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "Alexa, turn on the bedroom lamp.", IntentKind.TurnOn, "bedroom lamp", null },
        { "alexa turn on bedroom lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "Please switch on the Bedroom Lamp", IntentKind.TurnOn, "bedroom lamp", null },
        { "turn the bedroom lamp on please", IntentKind.TurnOn, "bedroom lamp", null },
        { "  TURN   THE BEDROOM LAMP ON  ", IntentKind.TurnOn, "bedroom lamp", null },
        { "bedroom lamp on", IntentKind.TurnOn, "bedroom lamp", null },
        { "lamp on", IntentKind.TurnOn, "lamp", null },
        { "Hey Alexa, could you turn on my lamp, thanks", IntentKind.TurnOn, "lamp", null },
        { "can you please switch the light on for me", IntentKind.TurnOn, "light", null },
        { "would you turn on the lights now", IntentKind.TurnOn, "lights", null },
        { "okay just turn on the bedroom light", IntentKind.TurnOn, "bedroom light", null },
        { "turn off the bedroom lamp", IntentKind.TurnOff, "bedroom lamp", null },
        { "Alexa, please switch off the kitchen light.", IntentKind.TurnOff, "kitchen light", null },
        { "turn the bedroom lamp off", IntentKind.TurnOff, "bedroom lamp", null },
        { "bedroom lamp off", IntentKind.TurnOff, "bedroom lamp", null },
        { "lights off", IntentKind.TurnOff, "lights", null },
        { "turn off all the lights", IntentKind.TurnOff, "lights", null },
        { "shut off the lamp", IntentKind.TurnOff, "lamp", null },
        { "switch the lamp off, thank you", IntentKind.TurnOff, "lamp", null },
        { "I would like to turn off the bedroom lamp", IntentKind.TurnOff, "bedroom lamp", null },

        // A brightness level, with or without "percent", in digits or words
        { "set the bedroom lamp to 40 percent", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "Alexa, set the bedroom lamp to 40 percent.", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set bedroom lamp to 40%", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the bedroom lamp to 40 %", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the bedroom lamp to 20", IntentKind.SetBrightness, "bedroom lamp", 20 },
        { "set the bedroom lamp to forty", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the bedroom lamp to forty percent", IntentKind.SetBrightness, "bedroom lamp", 40 },
        { "set the lamp to twenty five percent", IntentKind.SetBrightness, "lamp", 25 },
        { "set the lamp to twenty-five per cent", IntentKind.SetBrightness, "lamp", 25 },
        { "set the lamp to one hundred percent", IntentKind.SetBrightness, "lamp", 100 },
        { "set the lamp to a hundred", IntentKind.SetBrightness, "lamp", 100 },
        { "set the lamp to zero", IntentKind.SetBrightness, "lamp", 0 },
        { "set the lamp to seven percent", IntentKind.SetBrightness, "lamp", 7 },
        { "set the brightness of the bedroom lamp to 75", IntentKind.SetBrightness, "bedroom lamp", 75 },
        { "set the brightness of the bedroom lamp to 75 percent", IntentKind.SetBrightness, "bedroom lamp", 75 },
        { "set the bedroom lamp brightness to 60", IntentKind.SetBrightness, "bedroom lamp", 60 },
        { "set the bedroom lamp to 50 percent brightness", IntentKind.SetBrightness, "bedroom lamp", 50 },
        { "change the lamp brightness to thirty", IntentKind.SetBrightness, "lamp", 30 },
        { "put the lamp at 10 percent", IntentKind.SetBrightness, "lamp", 10 },
        { "turn the bedroom lamp to 20 percent", IntentKind.SetBrightness, "bedroom lamp", 20 },
        { "bedroom lamp to 20 percent", IntentKind.SetBrightness, "bedroom lamp", 20 },
        { "bedroom lamp 50 percent", IntentKind.SetBrightness, "bedroom lamp", 50 },
        { "lamp at fifty percent please", IntentKind.SetBrightness, "lamp", 50 },
        { "dim the bedroom lamp to 20 percent", IntentKind.SetBrightness, "bedroom lamp", 20 },
        { "dim the lamp to thirty", IntentKind.SetBrightness, "lamp", 30 },
        { "brighten the bedroom lamp to 80 percent", IntentKind.SetBrightness, "bedroom lamp", 80 },
        { "turn the lamp up to ninety", IntentKind.SetBrightness, "lamp", 90 },
        { "turn down the lamp to 15 percent", IntentKind.SetBrightness, "lamp", 15 },
        { "turn on the lamp at 40 percent", IntentKind.SetBrightness, "lamp", 40 },
        { "make the lamp 70 percent", IntentKind.SetBrightness, "lamp", 70 },
        { "lamp brightness 30", IntentKind.SetBrightness, "lamp", 30 },
        { "lower the lamp to 5", IntentKind.SetBrightness, "lamp", 5 },
        // Out of range values reach the vendor as said: it is the one to refuse them.
        { "set the bedroom lamp to 150 percent", IntentKind.SetBrightness, "bedroom lamp", 150 },
        { "set the bedroom lamp to -5 percent", IntentKind.SetBrightness, "bedroom lamp", -5 },

        // Brighter and dimmer: by the number said, else by 25
        { "brighten the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "brighten the bedroom lamp by 10 percent", IntentKind.AdjustBrightness, "bedroom lamp", 10 },
        { "brighten the bedroom lamp by 10%", IntentKind.AdjustBrightness, "bedroom lamp", 10 },
        { "make the bedroom lamp brighter", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "bedroom lamp brighter", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "make the lamp a little brighter", IntentKind.AdjustBrightness, "lamp", 25 },
        { "turn up the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "turn the bedroom lamp up", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "turn the lamp up by twenty", IntentKind.AdjustBrightness, "lamp", 20 },
        { "turn up the brightness of the lamp", IntentKind.AdjustBrightness, "lamp", 25 },
        { "raise the lamp", IntentKind.AdjustBrightness, "lamp", 25 },
        { "increase the lamp brightness by 15 percent", IntentKind.AdjustBrightness, "lamp", 15 },
        { "increase the brightness of the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", 25 },
        { "dim the bedroom lamp", IntentKind.AdjustBrightness, "bedroom lamp", -25 },
        { "dim the bedroom lamp by 30 percent", IntentKind.AdjustBrightness, "bedroom lamp", -30 },
        { "make the bedroom lamp dimmer, please", IntentKind.AdjustBrightness, "bedroom lamp", -25 },
        { "lamp dimmer", IntentKind.AdjustBrightness, "lamp", -25 },
        { "hey alexa can you dim my lamp a bit", IntentKind.AdjustBrightness, "lamp", -25 },
        { "turn down the lights", IntentKind.AdjustBrightness, "lights", -25 },
        { "turn the bedroom lamp down by ten percent", IntentKind.AdjustBrightness, "bedroom lamp", -10 },
        { "lower the lamp by 10", IntentKind.AdjustBrightness, "lamp", -10 },
        { "decrease the brightness of the lamp by 5 percent", IntentKind.AdjustBrightness, "lamp", -5 },
        { "make the lamp darker", IntentKind.AdjustBrightness, "lamp", -25 },

        // Questions
        { "is the bedroom lamp on?", IntentKind.QueryPower, "bedroom lamp", null },
        { "Alexa, is the bedroom lamp off?", IntentKind.QueryPower, "bedroom lamp", null },
        { "is the lamp turned on", IntentKind.QueryPower, "lamp", null },
        { "is the light on or off", IntentKind.QueryPower, "light", null },
        { "what's the status of the lamp", IntentKind.QueryPower, "lamp", null },
        { "what is the bedroom lamp's state", IntentKind.QueryPower, "bedroom lamp", null },
        { "what is the bedroom lamp's brightness?", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "what's the bedroom lamp\u2019s brightness", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "what is the brightness of the bedroom lamp", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "how bright is the bedroom lamp?", IntentKind.QueryBrightness, "bedroom lamp", null },
        { "what's the lamp set to", IntentKind.QueryBrightness, "lamp", null },
        { "what brightness is the lamp at", IntentKind.QueryBrightness, "lamp", null },

        // Groups: the lights of the home, a room (which endpoints they are is the matcher's job)
        { "turn off the lights", IntentKind.TurnOff, "lights", null },
        { "turn off the bedroom", IntentKind.TurnOff, "bedroom", null },
        { "switch on all the bedroom lights", IntentKind.TurnOn, "bedroom lights", null },
        { "set the lights to 30 percent", IntentKind.SetBrightness, "lights", 30 },

        // Discovery again, about no device
        { "discover devices", IntentKind.Discover, "", null },
        { "Alexa, discover my devices", IntentKind.Discover, "", null },
        { "discover new devices", IntentKind.Discover, "", null },
        { "find my devices please", IntentKind.Discover, "", null },
        { "scan for devices", IntentKind.Discover, "", null },
        { "discover", IntentKind.Discover, "", null },

        // Not understood: no device must be made up from these
        { "discover the lamp", null, null, null },
        { "turn on devices", null, null, null },
        { "", null, null, null },
        { "   ", null, null, null },
        { "what's the weather like", null, null, null },
        { "alexa", null, null, null },
        { "please", null, null, null },
        { "turn on", null, null, null },
        { "turn off please", null, null, null },
        { "open the garage door", null, null, null },
        { "sing me a song about lamps", null, null, null },
        { "what is going on", null, null, null },
        { "don't turn on the lamp", null, null, null },
        { "turn it up to eleven", null, null, null },
        { "is it on", null, null, null },
        { "set a timer for ten minutes", null, null, null },
        { "set the bedroom lamp to forty degrees", null, null, null },
        { "set the lamp to percent", null, null, null },
        { "dim the lamp to", null, null, null },
        { "set the brightness to 50", null, null, null },
        { "set the lamp to 99999999999 percent", null, null, null },
        { "what time is it", null, null, null },
        { "turn the page", null, null, null },
        { "make me a sandwich", null, null, null },
        { "the bedroom lamp", null, null, null },
        { "brighten", null, null, null },
        { "percent", null, null, null },
        { "switch to dark mode", null, null, null },
        { "how are you", null, null, null },
        { "turn it off", null, null, null },
        { "what is the lamp", null, null, null },
        { "brighter", null, null, null },
    };

    /// <summary>The sentences of <see cref="Utterances"/> that must not match, for tests beyond the parser.</summary>
    public static TheoryData<string> NotUnderstood =>
        [.. Utterances.Where(row => row[1] is null && !string.IsNullOrWhiteSpace((string)row[0])).Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(Utterances))]
    public void Understands_what_people_say_and_nothing_else(string utterance, IntentKind? intent, string? device, int? value)
    {
        var parsed = IntentParser.Parse(utterance);

        Assert.Equal(intent, parsed?.Intent);
        Assert.Equal(device, parsed?.DeviceName);
        Assert.Equal(value, parsed?.Value);
    }

    [Fact]
    public void The_table_covers_at_least_eighty_utterances_of_which_fifteen_must_not_match()
    {
        var rows = Utterances.Select(row => (IntentKind?)row[1]).ToList();

        Assert.True(rows.Count >= 80, $"{rows.Count} utterances");
        Assert.True(rows.Count(intent => intent is null) >= 15, $"{rows.Count(intent => intent is null)} that must not match");
    }

    [Fact]
    public void Null_is_not_understood()
    {
        Assert.Null(IntentParser.Parse(null));
    }
}
