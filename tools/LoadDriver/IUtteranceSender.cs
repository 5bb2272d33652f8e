namespace SmartHome.LoadDriver;

/// <summary>Says one utterance and answers its outcome as a key: "Success", "DeviceError:BRIDGE_UNREACHABLE", "HTTP 503", "Timeout".</summary>
public interface IUtteranceSender
{
    Task<UtteranceReply> SendAsync(PlannedUtterance utterance, CancellationToken cancellationToken);
}
