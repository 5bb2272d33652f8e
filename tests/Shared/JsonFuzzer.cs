using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.Tests.Shared;

/// <summary>One fuzzed request body: bytes, the Content-Type header (null: none) and what the mutation was.</summary>
internal sealed record FuzzCase(int Index, string Mutation, byte[] Body, string? ContentType);

/// <summary>
/// Seeded mutations of valid JSON bodies, as a fuzzer or a careless client produces them: random bytes,
/// truncation, values of the wrong type or size, missing and extra properties, deep nesting, flipped bits,
/// wrong content types, bodies over the endpoint's limit. The same seed always gives the same cases.
/// </summary>
internal static class JsonFuzzer
{
    private static readonly string?[] ContentTypes =
        ["application/json", "application/json", "application/json; charset=utf-8", "text/plain", null, "application/x-www-form-urlencoded", "application/json; charset=latin1"];

    public static IEnumerable<FuzzCase> Cases(int seed, int count, IReadOnlyList<string> validBodies, int oversizeBytes)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var valid = validBodies[random.Next(validBodies.Count)];
            var kind = random.Next(10);
            var (mutation, body) = kind switch
            {
                0 => ("random bytes", RandomBytes(random, random.Next(0, 2048))),
                1 => ("truncated", Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length)])),
                2 => ("value replaced", Encoding.UTF8.GetBytes(ReplaceValue(random, valid))),
                3 => ("property removed", Encoding.UTF8.GetBytes(RemoveProperty(random, valid))),
                4 => ("characters inserted", Encoding.UTF8.GetBytes(valid.Insert(random.Next(valid.Length), RandomText(random, random.Next(1, 8))))),
                5 => ("bits flipped", FlipBits(random, Encoding.UTF8.GetBytes(valid))),
                6 => ("deep nesting", Encoding.UTF8.GetBytes(new string('[', random.Next(60, 5000)) + new string(']', random.Next(0, 60)))),
                7 => ("over the limit", Encoding.UTF8.GetBytes(Oversize(random, valid, oversizeBytes))),
                8 => ("valid", Encoding.UTF8.GetBytes(valid)),
                _ => ("empty or scalar", Encoding.UTF8.GetBytes(random.Next(6) switch { 0 => "", 1 => "null", 2 => "[]", 3 => "{}", 4 => "\"text\"", _ => "42" })),
            };
            yield return new FuzzCase(i, mutation, body, ContentTypes[random.Next(ContentTypes.Length)]);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "{}[]\":,\\ \u0000\uFFFDa0-+.eE\u00e9\u4e2dnulltrue";
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static byte[] FlipBits(Random random, byte[] bytes)
    {
        for (var flips = random.Next(1, 6); flips > 0 && bytes.Length > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private static string Oversize(Random random, string valid, int oversizeBytes)
    {
        var root = JsonNode.Parse(valid)!;
        var strings = Leaves(root).Where(n => n.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        if (strings.Count == 0)
        {
            return valid + new string(' ', oversizeBytes);
        }

        strings[random.Next(strings.Count)].ReplaceWith(new string('a', oversizeBytes + random.Next(1024)));
        return root.ToJsonString();
    }

    private static string ReplaceValue(Random random, string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var leaves = Leaves(root).ToList();
        if (leaves.Count == 0)
        {
            return valid;
        }

        JsonNode? replacement = random.Next(12) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
            2 => JsonValue.Create(random.Next(2) == 0 ? 1e308 : -1e308),
            3 => JsonValue.Create(""),
            4 => JsonValue.Create(RandomText(random, random.Next(1, 40))),
            5 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
            6 => new JsonObject { ["x"] = 1 },
            7 => JsonValue.Create(random.Next(2) == 0),
            8 => JsonValue.Create(-random.NextDouble() * 1000),
            9 => JsonValue.Create(new string('x', random.Next(1000, 4000))),
            10 => JsonValue.Create(long.MaxValue),
            _ => JsonValue.Create("\u0000\u202e\uffff"),
        };
        var target = leaves[random.Next(leaves.Count)];
        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = replacement;
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }

        return root.ToJsonString();
    }

    private static string RemoveProperty(Random random, string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var properties = All(root).Where(n => n.Parent is JsonObject).ToList();
        if (properties.Count == 0)
        {
            return valid;
        }

        var target = properties[random.Next(properties.Count)];
        ((JsonObject)target.Parent!).Remove(target.GetPropertyName());
        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Leaves(JsonNode root) => All(root).Where(n => n is JsonValue);

    private static IEnumerable<JsonNode> All(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        if (node.Parent is not null)
        {
            yield return node;
        }

        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            foreach (var descendant in All(child))
            {
                yield return descendant;
            }
        }
    }
}
