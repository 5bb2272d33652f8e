using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SmartHome.ServiceDefaults;

/// <summary>How reading a JSON body went.</summary>
public enum JsonBodyStatus
{
    Read,
    /// <summary>JSON <c>null</c>.</summary>
    Empty,
    /// <summary>Not JSON (an empty body included), or not of the expected shape (400).</summary>
    Malformed,
    /// <summary>Over the endpoint's body limit (413).</summary>
    TooLarge,
    /// <summary>The client stopped sending or sent a broken framing (400).</summary>
    Unreadable,
}

/// <summary>A request body read as JSON: the value, or why not.</summary>
public sealed record JsonBody<T>(JsonBodyStatus Status, T? Value)
{
    /// <summary>The HTTP status that answers a failed read: 413 when too large, else 400.</summary>
    public int FailureStatusCode => Status == JsonBodyStatus.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
}

/// <summary>
/// Reads a JSON body whatever the client sends: malformed JSON, values of the wrong type, a body over the
/// limit or a client that stops half-way are a status to answer in the endpoint's protocol, never an exception.
/// </summary>
public static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return new JsonBody<T>(value is null ? JsonBodyStatus.Empty : JsonBodyStatus.Read, value);
        }
        catch (JsonException)
        {
            return new JsonBody<T>(JsonBodyStatus.Malformed, default);
        }
        catch (BadHttpRequestException ex)
        {
            return new JsonBody<T>(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? JsonBodyStatus.TooLarge : JsonBodyStatus.Unreadable, default);
        }
        catch (IOException)
        {
            return new JsonBody<T>(JsonBodyStatus.Unreadable, default);
        }
    }
}
