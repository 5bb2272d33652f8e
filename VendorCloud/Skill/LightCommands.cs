using System.Text.Json;
using SmartHome.VendorCloud.Alexa;

namespace SmartHome.VendorCloud.Skill;

/// <summary>Maps control directives to light commands for the uplink (Home Assistant JSON light, scale 100).</summary>
internal static class LightCommands
{
    public const int MinimumBrightness = 0;
    public const int MaximumBrightness = 100;

    private static readonly ValidRange BrightnessRange = new(MinimumBrightness, MaximumBrightness);

    /// <summary>
    /// The command for a directive, or the failure to answer with. <paramref name="currentBrightness"/> is
    /// the level in the shadow, needed by AdjustBrightness (openHAB's way: clamp(current + delta, 0, 100)).
    /// </summary>
    public static (LightState? Command, SkillFailure? Failure) ToCommand(DirectiveKind kind, JsonElement payload, int? currentBrightness)
    {
        switch (kind)
        {
            case DirectiveKind.TurnOn:
                return (new LightState("ON", null), null);
            case DirectiveKind.TurnOff:
                return (new LightState("OFF", null), null);
            case DirectiveKind.SetBrightness:
                {
                    var (level, failure) = ReadInteger(payload, "brightness", MinimumBrightness, MaximumBrightness);
                    return failure is not null ? (null, failure) : (new LightState(null, level), null);
                }

            case DirectiveKind.AdjustBrightness:
                {
                    var (delta, failure) = ReadInteger(payload, "brightnessDelta", -MaximumBrightness, MaximumBrightness);
                    if (failure is not null)
                    {
                        return (null, failure);
                    }

                    var target = Math.Clamp((currentBrightness ?? 0) + delta, MinimumBrightness, MaximumBrightness);
                    return (new LightState(null, target), null);
                }

            default:
                return (null, new SkillFailure(AlexaErrorTypes.InvalidDirective, $"{kind} is not a control directive."));
        }
    }

    private static (int Value, SkillFailure? Failure) ReadInteger(JsonElement payload, string name, int minimum, int maximum)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(name, out var element))
        {
            return (0, new SkillFailure(AlexaErrorTypes.InvalidDirective, $"payload.{name} is required."));
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || number != Math.Floor(number))
        {
            return (0, new SkillFailure(AlexaErrorTypes.InvalidValue, $"payload.{name} must be an integer."));
        }

        if (number < minimum || number > maximum)
        {
            return (0, new SkillFailure(AlexaErrorTypes.ValueOutOfRange,
                $"payload.{name} {number} is outside {minimum}..{maximum}.", BrightnessRange));
        }

        return ((int)number, null);
    }
}
