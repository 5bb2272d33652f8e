using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Uplink;
using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Telemetry;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Applies one command from the gateway: dims the lamp, publishes the retained state, and answers
/// on the command's response topic with its correlation data (the full state, or
/// <c>invalid_command</c>), the answer right behind the state. Bad input is answered, never thrown.
/// A command takes <paramref name="applyDelay"/> (<c>Plug:ApplyDelayMs</c>) before it is applied, as a slow
/// device does; the state says why it changed: a command with correlation data is the gateway's (a directive),
/// one without is another app's (<see cref="ChangeCause"/>).
/// </summary>
internal sealed class CommandProcessor(
    PlugDevice device,
    StatePublisher statePublisher,
    MessageSender sender,
    PlugIdentity identity,
    ILogger<CommandProcessor> logger,
    TimeSpan applyDelay = default,
    TimeProvider? time = null,
    AppliedCommands? applied = null)
{
    public async Task HandleAsync(ReceivedCommand command, CancellationToken cancellationToken)
    {
        using var activity = PlugTelemetry.Source.StartMqttProcess(
            command.Topic, identity.MqttName, TraceContextCarrier.Extract(command.UserProperties));
        activity.SetPacketIdentifier(command.PacketIdentifier);

        if (applyDelay > TimeSpan.Zero)
        {
            await Task.Delay(applyDelay, time ?? TimeProvider.System, cancellationToken);
        }

        var parsed = LightCommandParser.Parse(new System.Buffers.ReadOnlySequence<byte>(command.Payload));
        var result = parsed.Command is { } lightCommand ? device.Apply(lightCommand) : null;

        byte[] response;
        Task statePublished = Task.CompletedTask;
        if (result is { Accepted: true })
        {
            var state = result.Dimmer.ToLightState();
            MqttLog.CommandApplied(logger, state.State, state.Brightness, result.Dimmer.LampOutputPercent);
            if (command.CorrelationData is not null)
            {
                applied?.Record(TraceContextCarrier.Extract(command.UserProperties).TraceId);
            }

            // Not awaited here: the answer follows right behind the state on the same connection, without waiting
            // for the state's PUBACK. The client writes packets in call order and the broker handles one client's
            // packets in order, so whoever reads the answer still finds the state retained.
            statePublished = statePublisher.PublishAsync(
                command.CorrelationData is null ? ChangeCause.App : ChangeCause.Command, cancellationToken);
            response = PlugJson.Serialize(state);
        }
        else
        {
            var reason = parsed.Error ?? result?.Rejection ?? "invalid command";
            MqttLog.CommandRejected(logger, reason);
            activity.Fail($"{CommandError.InvalidCommand}: {reason}");
            response = PlugJson.Serialize(CommandError.Invalid(reason));
        }

        if (command.ResponseTopic is null)
        {
            MqttLog.NoResponseTopic(logger, command.Topic);
            await statePublished;
            return;
        }

        var answered = await sender.SendAsync(command.ResponseTopic, response, retain: false, command.CorrelationData, cancellationToken);
        await statePublished;
        if (!answered)
        {
            activity.Fail("the response could not be published");
        }
    }
}
