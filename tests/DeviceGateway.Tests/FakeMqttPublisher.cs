using System.Threading.Channels;
using MQTTnet;
using SmartHome.DeviceGateway.Commands;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Captures what the dispatcher publishes; can be told to fail.</summary>
internal sealed class FakeMqttPublisher : IMqttPublisher
{
    private readonly Channel<MqttApplicationMessage> _published = Channel.CreateUnbounded<MqttApplicationMessage>();

    public string ClientId => "gateway-home-1";

    public Exception? FailWith { get; set; }

    /// <summary>The PUBACK reason code the broker answers with (Success unless a test says otherwise).</summary>
    public MqttClientPublishReasonCode ReasonCode { get; set; } = MqttClientPublishReasonCode.Success;

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            return Task.FromException<MqttClientPublishResult>(failure);
        }

        _published.Writer.TryWrite(message);
        return Task.FromResult(new MqttClientPublishResult(1, ReasonCode,
            ReasonCode == MqttClientPublishReasonCode.Success ? null : "refused by the test", []));
    }

    public async Task<MqttApplicationMessage> NextAsync() =>
        await _published.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    public bool NothingPublished => !_published.Reader.TryPeek(out _);
}
