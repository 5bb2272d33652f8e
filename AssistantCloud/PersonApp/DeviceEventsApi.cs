using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SmartHome.AssistantCloud.Users;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// <c>GET /app/devices/events</c>: the signed-in person's devices as server-sent events, one event each time what the
/// assistant knows of them changes (a ChangeReport, a command's Response). The devices page listens with EventSource.
/// </summary>
public static class DeviceEventsApi
{
    /// <summary>How often the assistant's knowledge is read for changes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A stream ends after this; EventSource reconnects by itself (and a signed-out session stops there).</summary>
    public static readonly TimeSpan StreamLifetime = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapDeviceEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/app/devices/events", (HttpContext context, PersonHome home) =>
            PersonAccess.SessionPerson(context.User) is { } person
                ? TypedResults.ServerSentEvents(ChangesAsync(person, home, context.RequestAborted))
                : Results.Problem(title: "Sign in first.", statusCode: StatusCodes.Status401Unauthorized))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(string person, PersonHome home,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(StreamLifetime);
        string? last = null;
        while (!lifetime.IsCancellationRequested)
        {
            IReadOnlyList<DeviceView>? devices = null;
            try
            {
                devices = await home.DevicesAsync(person, lifetime.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is away (a Redis restart): the page keeps what it shows; the next read may work.
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (devices is not null)
            {
                var json = JsonSerializer.Serialize(devices.Select(d => new
                {
                    endpointId = d.EndpointId,
                    powerState = d.State?.PowerState,
                    brightness = d.State?.Brightness,
                    connectivity = d.State?.Connectivity,
                    reportedAt = d.ReportedAt,
                    reportedBy = d.ReportedBy,
                }), JsonSerializerOptions.Web);
                if (json != last)
                {
                    last = json;
                    yield return new SseItem<string>(json, "devices");
                }
            }

            await Task.Delay(PollInterval, lifetime.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
