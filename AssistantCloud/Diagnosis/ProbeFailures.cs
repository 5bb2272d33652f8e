using System.Net.Sockets;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>Names a failed request as a short fact: "refused" or "unreachable".</summary>
internal static class ProbeFailures
{
    public static string Of(HttpRequestException ex) =>
        ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || ex.HttpRequestError == HttpRequestError.ConnectionError
            ? "refused"
            : "unreachable";
}
