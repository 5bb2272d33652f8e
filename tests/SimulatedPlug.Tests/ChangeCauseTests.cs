using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using SmartHome.ServiceDefaults.Uplink;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>The state publish says why the state changed (user property <c>cause</c>), and a slow plug takes its apply delay.</summary>
public sealed class ChangeCauseTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestPlug _plug = new();

    [Fact]
    public async Task A_command_with_correlation_data_is_the_gateways()
    {
        await _plug.Processor.HandleAsync(Command("""{"state":"ON"}""", "cmd-1"), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ChangeCause.Command, CauseOf(Assert.Single(_plug.Publisher.To(_plug.Topics.State))));
    }

    [Fact]
    public async Task A_command_without_correlation_data_is_another_apps()
    {
        await _plug.Processor.HandleAsync(Command("""{"state":"ON"}""", correlation: null), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ChangeCause.App, CauseOf(Assert.Single(_plug.Publisher.To(_plug.Topics.State))));
    }

    [Fact]
    public async Task The_button_says_button_and_the_announce_on_connect_says_nothing()
    {
        _plug.Device.PressButton();
        await _plug.StatePublisher.PublishAsync(ChangeCause.Button, CancellationToken.None).WaitAsync(Bound);
        await _plug.StatePublisher.PublishAsync(CancellationToken.None).WaitAsync(Bound);

        var states = _plug.Publisher.To(_plug.Topics.State);
        Assert.Equal([ChangeCause.Button, null], states.Select(CauseOf));
    }

    [Fact]
    public async Task A_command_waits_the_apply_delay_before_the_plug_changes_and_answers()
    {
        var time = new FakeTimeProvider();
        var processor = new CommandProcessor(_plug.Device, _plug.StatePublisher, _plug.Sender, TestPlug.Identity,
            NullLogger<CommandProcessor>.Instance, TimeSpan.FromSeconds(3), time);

        var handling = processor.HandleAsync(Command("""{"state":"ON"}""", "cmd-2"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(handling.IsCompleted);
        Assert.Empty(_plug.Publisher.Published);
        Assert.False(_plug.Device.Current.IsOn);

        time.Advance(TimeSpan.FromSeconds(1));
        await handling.WaitAsync(Bound);
        Assert.True(_plug.Device.Current.IsOn);
        Assert.Equal(2, _plug.Publisher.Published.Count);
    }

    private static string? CauseOf(MqttApplicationMessage message) =>
        message.UserProperties?.FirstOrDefault(property => property.Name == ChangeCause.UserProperty)?.ReadValueAsString();

    private static ReceivedCommand Command(string payload, string? correlation)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic("homes/home-1/devices/plug-1/set")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (correlation is not null)
        {
            builder.WithResponseTopic("homes/home-1/gateway/responses").WithCorrelationData(Encoding.UTF8.GetBytes(correlation));
        }

        return ReceivedCommand.From(builder.Build(), packetIdentifier: 3);
    }

    public void Dispose() => _plug.Dispose();
}
