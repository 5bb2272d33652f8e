using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>
/// Seeded fuzzing of the skill endpoint: 1,200 mutated directives (wrong types, missing and extra fields, random
/// bytes, deep nesting, oversize bodies, wrong content types). Every answer is a 200 Alexa message, never a 5xx.
/// </summary>
public sealed class SkillFuzzTests
{
    public const int Seed = 20261130;
    public const int Cases = 1200;

    [Fact]
    public async Task Fuzzed_directives_never_get_a_5xx_and_always_an_Alexa_message()
    {
        await using var host = await VendorHttpHost.StartAsync();
        var token = (await host.World.LinkAsync()).AccessToken;
        string[] valid =
        [
            Encoding.UTF8.GetString(DirectiveJson.Control("Alexa.PowerController", "TurnOn", token)),
            Encoding.UTF8.GetString(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", token, payload: new { brightness = 40 })),
            Encoding.UTF8.GetString(DirectiveJson.Control("Alexa.BrightnessController", "AdjustBrightness", token, payload: new { brightnessDelta = -25 })),
            Encoding.UTF8.GetString(DirectiveJson.Control("Alexa", "ReportState", token)),
            Encoding.UTF8.GetString(DirectiveJson.Discover(token)),
        ];

        var failures = new List<string>();
        foreach (var fuzz in JsonFuzzer.Cases(Seed, Cases, valid, oversizeBytes: 70 * 1024))
        {
            using var content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(fuzz.ContentType);
            }

            using var response = await host.Http.PostAsync("/alexa/v3/directives", content);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || !IsAlexaEvent(text))
            {
                failures.Add($"case {fuzz.Index} ({fuzz.Mutation}): {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed:\n" + string.Join("\n", failures.Take(20)));
    }

    private static bool IsAlexaEvent(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["event"]?["header"]?["name"] is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
