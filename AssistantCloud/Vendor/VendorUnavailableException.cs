namespace SmartHome.AssistantCloud.Vendor;

/// <summary>The vendor's cloud did not answer in time, refused the connection, or answered with no Alexa event.</summary>
public sealed class VendorUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
