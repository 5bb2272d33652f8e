namespace SmartHome.AssistantCloud.Vendor;

/// <summary>
/// The vendor's cloud did not answer in time, refused the connection, or answered with no Alexa event;
/// <see cref="StatusCode"/> is the HTTP status when it answered with an error status.
/// </summary>
public sealed class VendorUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public VendorUnavailableException(string message, int statusCode)
        : this(message)
    {
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }
}
