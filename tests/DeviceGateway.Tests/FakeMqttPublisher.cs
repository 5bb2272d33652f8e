using System.Threading.Channels;
using MQTTnet;
using SmartHome.DeviceGateway.Lan;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Captures what the dispatcher publishes; can be told to fail.</summary>
internal sealed class FakeMqttPublisher : IMqttPublisher
{
    private readonly Channel<MqttApplicationMessage> _published = Channel.CreateUnbounded<MqttApplicationMessage>();

    public string ClientId => "gateway-home-1";

    public Exception? FailWith { get; set; }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            return Task.FromException<MqttClientPublishResult>(failure);
        }

        _published.Writer.TryWrite(message);
        return Task.FromResult(new MqttClientPublishResult(1, MqttClientPublishReasonCode.Success, null, []));
    }

    public async Task<MqttApplicationMessage> NextAsync() =>
        await _published.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    public bool NothingPublished => !_published.Reader.TryPeek(out _);
}
