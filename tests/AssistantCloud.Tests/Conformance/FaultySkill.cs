using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartHome.AssistantCloud.Tests.Conformance;

/// <summary>
/// A skill backend that gets things wrong, on loopback: its metadata lists no S256, it issues codes without PKCE and
/// redeems them with any verifier, its access tokens live 300 s, its refresh takes 4.7 s, its Discover.Response lacks
/// manufacturerName, TurnOn/TurnOff answer without context, ReportState echoes another correlation token, and its errors
/// have the wrong types (INTERNAL_ERROR for an unknown endpoint, INVALID_VALUE for 101 %, ENDPOINT_UNREACHABLE for a bad token).
/// </summary>
internal sealed class FaultySkill : IAsyncDisposable
{
    public static readonly TimeSpan RefreshDelay = TimeSpan.FromSeconds(4.7);

    private readonly WebApplication _app;

    private FaultySkill(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public Uri Endpoint => new(Address, "/skill");

    public static async Task<FaultySkill> StartAsync()
    {
        var app = LoopbackHost.CreateBuilder().Build();
        app.MapGet("/.well-known/oauth-authorization-server", (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}";
            return Results.Json(new JsonObject
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["code_challenge_methods_supported"] = new JsonArray("plain"),
            });
        });
        app.MapGet("/authorize", (HttpRequest request) => Results.Content(
            $"""
            <form method="post" action="/authorize">
              <input type="hidden" name="redirect_uri" value="{request.Query["redirect_uri"]}">
              <input type="hidden" name="state" value="{request.Query["state"]}">
              <input name="email"><input type="password" name="password">
            </form>
            """, "text/html"));
        app.MapPost("/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Results.Redirect($"{form["redirect_uri"]}?code=code-{Guid.NewGuid():N}&state={Uri.EscapeDataString(form["state"].ToString())}");
        }).DisableAntiforgery();
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] == "refresh_token")
            {
                await Task.Delay(RefreshDelay);
            }

            return Results.Json(new JsonObject
            {
                ["access_token"] = $"at-{Guid.NewGuid():N}",
                ["refresh_token"] = $"rt-{Guid.NewGuid():N}",
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
            });
        }).DisableAntiforgery();
        app.MapPost("/skill", async (HttpRequest request) => Results.Json(Answer((await JsonNode.ParseAsync(request.Body))!.AsObject())));
        return new FaultySkill(app, await LoopbackHost.StartAsync(app));
    }

    private static JsonObject Answer(JsonObject body)
    {
        var directive = body["directive"]!;
        var (ns, name) = ((string)directive["header"]!["namespace"]!, (string)directive["header"]!["name"]!);
        var correlationToken = (string?)directive["header"]!["correlationToken"];
        var endpointId = (string?)directive["endpoint"]?["endpointId"];
        var token = (string?)(directive["endpoint"]?["scope"] ?? directive["payload"]?["scope"] ?? directive["payload"]?["grantee"])?["token"];
        if (name == "Discover")
        {
            return Event("Alexa.Discovery", "Discover.Response", null, null, new JsonObject { ["endpoints"] = new JsonArray(Lamp()) });
        }

        if (ns == "Alexa.Authorization")
        {
            return Event("Alexa", "ErrorResponse", null, null, new JsonObject { ["type"] = "INVALID_DIRECTIVE", ["message"] = "no." });
        }

        if (token is null || !token.StartsWith("at-", StringComparison.Ordinal))
        {
            return Error(correlationToken, endpointId, "ENDPOINT_UNREACHABLE");
        }

        if (endpointId != "lamp")
        {
            return Error(correlationToken, endpointId, "INTERNAL_ERROR");
        }

        return name switch
        {
            "TurnOn" or "TurnOff" => Event("Alexa", "Response", correlationToken, endpointId, []),
            "SetBrightness" when (int)directive["payload"]!["brightness"]! > 100 => Error(correlationToken, endpointId, "INVALID_VALUE"),
            "ReportState" => WithContext(Event("Alexa", "StateReport", "someone else's", endpointId, [])),
            _ => WithContext(Event("Alexa", "Response", correlationToken, endpointId, [])),
        };
    }

    private static JsonObject Lamp() => new()
    {
        // No manufacturerName and no description: Amazon's schema requires both.
        ["endpointId"] = "lamp",
        ["friendlyName"] = "faulty lamp",
        ["displayCategories"] = new JsonArray("LIGHT"),
        ["capabilities"] = new JsonArray(
            new JsonObject { ["type"] = "AlexaInterface", ["interface"] = "Alexa", ["version"] = "3" },
            Capability("Alexa.PowerController", "powerState"),
            Capability("Alexa.BrightnessController", "brightness")),
    };

    private static JsonObject Capability(string @interface, string property) => new()
    {
        ["type"] = "AlexaInterface",
        ["interface"] = @interface,
        ["version"] = "3",
        ["properties"] = new JsonObject
        {
            ["supported"] = new JsonArray(new JsonObject { ["name"] = property }),
            ["proactivelyReported"] = true,
            ["retrievable"] = true,
        },
    };

    private static JsonObject Error(string? correlationToken, string? endpointId, string type) =>
        Event("Alexa", "ErrorResponse", correlationToken, endpointId, new JsonObject { ["type"] = type, ["message"] = "faulty" });

    private static JsonObject Event(string ns, string name, string? correlationToken, string? endpointId, JsonObject payload)
    {
        var header = new JsonObject { ["namespace"] = ns, ["name"] = name, ["payloadVersion"] = "3", ["messageId"] = Guid.NewGuid().ToString() };
        if (correlationToken is not null)
        {
            header["correlationToken"] = correlationToken;
        }

        var @event = new JsonObject { ["header"] = header };
        if (endpointId is not null)
        {
            @event["endpoint"] = new JsonObject { ["endpointId"] = endpointId };
        }

        @event["payload"] = payload;
        return new JsonObject { ["event"] = @event };
    }

    private static JsonObject WithContext(JsonObject message)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffZ");
        message["context"] = new JsonObject
        {
            ["properties"] = new JsonArray(
                new JsonObject { ["namespace"] = "Alexa.PowerController", ["name"] = "powerState", ["value"] = "ON", ["timeOfSample"] = now, ["uncertaintyInMilliseconds"] = 0 },
                new JsonObject { ["namespace"] = "Alexa.BrightnessController", ["name"] = "brightness", ["value"] = 50, ["timeOfSample"] = now, ["uncertaintyInMilliseconds"] = 0 }),
        };
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
