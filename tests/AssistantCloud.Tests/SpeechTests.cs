using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Utterances;

namespace SmartHome.AssistantCloud.Tests;

public class SpeechTests
{
    [Theory]
    [InlineData(IntentKind.TurnOn)]
    [InlineData(IntentKind.TurnOff)]
    [InlineData(IntentKind.SetBrightness)]
    [InlineData(IntentKind.AdjustBrightness)]
    public void Commands_answer_OK(IntentKind intent)
    {
        Assert.Equal("OK", Speech.ForSuccess(intent, "bedroom lamp", new DeviceState("ON", 40, "OK")));
    }

    [Fact]
    public void Questions_answer_with_the_confirmed_state()
    {
        Assert.Equal("The bedroom lamp is on at 40 percent", Speech.ForSuccess(IntentKind.QueryPower, "bedroom lamp", new DeviceState("ON", 40, "OK")));
        Assert.Equal("The bedroom lamp is off", Speech.ForSuccess(IntentKind.QueryPower, "bedroom lamp", new DeviceState("OFF", 40, "OK")));
        Assert.Equal("The bedroom lamp's brightness is 40 percent", Speech.ForSuccess(IntentKind.QueryBrightness, "bedroom lamp", new DeviceState("ON", 40, "OK")));
        Assert.Equal("The fan is on", Speech.ForSuccess(IntentKind.QueryPower, "the fan", new DeviceState("ON", null, "OK")));
    }

    [Theory]
    [InlineData("ENDPOINT_UNREACHABLE", "The bedroom lamp is not responding.")]
    [InlineData("BRIDGE_UNREACHABLE", "The hub for the bedroom lamp is not responding.")]
    [InlineData("VALUE_OUT_OF_RANGE", "The bedroom lamp can only be set between 0 and 100 percent.")]
    [InlineData("NO_SUCH_ENDPOINT", "The bedroom lamp isn't available any more. Try discovering your devices again.")]
    [InlineData("INVALID_VALUE", "The bedroom lamp can't be set to that.")]
    [InlineData("INTERNAL_ERROR", "Sorry, the bedroom lamp had a problem.")]
    public void Errors_are_spoken_by_type(string errorType, string expected)
    {
        Assert.Equal(expected, Speech.ForError(errorType, "bedroom lamp", null));
    }

    [Fact]
    public void Value_out_of_range_names_the_vendors_range()
    {
        Assert.Equal("The bedroom lamp can only be set between 1 and 100 percent.",
            Speech.ForError("VALUE_OUT_OF_RANGE", "bedroom lamp", new ValidRange(1, 100)));
    }

    [Fact]
    public void Other_outcomes_have_their_own_sentences()
    {
        Assert.Equal("Sorry, I didn't understand that", Speech.NotUnderstood);
        Assert.Equal("I couldn't find a device named garage door", Speech.UnknownDevice("garage door"));
        Assert.Equal("Which one did you mean: the bedroom lamp or the desk lamp?", Speech.AmbiguousDevice(["bedroom lamp", "desk lamp"]));
        Assert.Equal("Which one did you mean: the bedroom lamp, the desk lamp or the fan?", Speech.AmbiguousDevice(["bedroom lamp", "desk lamp", "the fan"]));
        Assert.Equal("The service isn't responding right now.", Speech.ServiceUnavailable);
        Assert.Contains("My SmartHome", Speech.NotLinked("My SmartHome", "Assistant"));
    }
}
