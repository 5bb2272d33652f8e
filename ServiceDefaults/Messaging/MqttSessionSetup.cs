using MQTTnet;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Sets up an MQTT 5 session the one right way: connect and check the CONNACK (MQTTnet 5 reports a refusal in
/// the result instead of throwing), subscribe and check every SUBACK item, and only then announce the client
/// online (what is published before the subscriptions stand can be missed). Used by the gateway's bridge and
/// the plug; their <see cref="ReconnectLoop"/> retries what this refuses or throws.
/// </summary>
public static class MqttSessionSetup
{
    public static async Task<MqttSessionStart> StartAsync(
        IMqttClient client,
        MqttClientOptions options,
        MqttClientSubscribeOptions subscriptions,
        Func<CancellationToken, Task> announceOnlineAsync,
        CancellationToken cancellationToken)
    {
        var connack = await client.ConnectAsync(options, cancellationToken);
        if (connack.ResultCode != MqttClientConnectResultCode.Success)
        {
            await DisconnectQuietlyAsync(client);
            return MqttSessionStart.Refused(connack, $"CONNACK {connack.ResultCode} ({connack.ReasonString ?? "no reason string"})");
        }

        try
        {
            var suback = await client.SubscribeAsync(subscriptions, cancellationToken);
            // Granted QoS codes are 0..2; anything from 0x80 up is a refusal.
            if (suback.Items.FirstOrDefault(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0
                    or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2)) is { } refused)
            {
                await DisconnectQuietlyAsync(client);
                return MqttSessionStart.Refused(connack, $"SUBACK {refused.ResultCode} for {refused.TopicFilter.Topic}");
            }

            await announceOnlineAsync(cancellationToken);
        }
        catch
        {
            // Half set up is not up: leave so that the next attempt starts clean.
            await DisconnectQuietlyAsync(client);
            throw;
        }

        return MqttSessionStart.Up(connack);
    }

    private static async Task DisconnectQuietlyAsync(IMqttClient client)
    {
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
