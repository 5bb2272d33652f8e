using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>The session set-up against a real MQTTnet broker in-process.</summary>
public sealed class MqttSessionSetupTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private const string Status = "clients/c1/status";
    private const string Commands = "clients/c1/commands";
    private const string Forbidden = "clients/other/commands";

    private readonly int _port = FreeTcpPort();
    private readonly MqttServer _broker;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private MqttConnectReasonCode _connectAnswer = MqttConnectReasonCode.Success;

    public MqttSessionSetupTests()
    {
        _broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(_port)
            .Build());
        _broker.ValidatingConnectionAsync += args =>
        {
            args.ReasonCode = _connectAnswer;
            return Task.CompletedTask;
        };
        _broker.InterceptingSubscriptionAsync += args =>
        {
            if (args.TopicFilter.Topic == Forbidden)
            {
                args.ProcessSubscription = false;
                args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }

            return Task.CompletedTask;
        };
    }

    public Task InitializeAsync() => _broker.StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _broker.StopAsync(new MqttServerStopOptionsBuilder().Build());
        _broker.Dispose();
    }

    [Fact]
    public async Task An_accepted_session_is_subscribed_before_it_announces_itself_online()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.ApplicationMessageReceivedAsync += args =>
        {
            received.TrySetResult(args.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };

        // The announcement goes to a topic the session subscribes to: it comes back only if the SUBACK came first.
        var start = await StartAsync(Subscribe(Commands), token => _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(Commands).WithPayload("online").Build(), token));

        Assert.True(start.IsUp);
        Assert.Null(start.Refusal);
        Assert.Equal(MqttClientConnectResultCode.Success, start.Connack.ResultCode);
        Assert.True(_client.IsConnected);
        Assert.Equal(Commands, await received.Task.WaitAsync(Bound));
        Assert.Equal(Status, Assert.Single(await RetainedAsync()).Topic);
    }

    [Fact]
    public async Task A_refused_CONNACK_is_a_refusal_in_its_own_code_and_nothing_is_announced()
    {
        _connectAnswer = MqttConnectReasonCode.NotAuthorized;
        var announced = false;

        var start = await StartAsync(Subscribe(Commands), _ =>
        {
            announced = true;
            return Task.CompletedTask;
        });

        Assert.False(start.IsUp);
        Assert.Equal("CONNACK NotAuthorized (no reason string)", start.Refusal);
        Assert.False(announced);
        Assert.False(_client.IsConnected);
    }

    [Fact]
    public async Task Any_refused_SUBACK_item_is_a_refusal_and_the_client_leaves()
    {
        var announced = false;

        var start = await StartAsync(Subscribe(Commands, Forbidden), _ =>
        {
            announced = true;
            return Task.CompletedTask;
        });

        Assert.False(start.IsUp);
        Assert.Equal($"SUBACK NotAuthorized for {Forbidden}", start.Refusal);
        Assert.False(announced);
        Assert.False(_client.IsConnected);
    }

    [Fact]
    public async Task A_failed_announcement_throws_and_leaves_no_half_set_up_session()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(Subscribe(Commands),
            _ => throw new InvalidOperationException("publish failed")));

        Assert.Equal("publish failed", failure.Message);
        Assert.False(_client.IsConnected);
    }

    [Fact]
    public async Task An_unreachable_broker_throws_for_the_reconnect_loop_to_retry()
    {
        await _broker.StopAsync(new MqttServerStopOptionsBuilder().Build());

        await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(Subscribe(Commands), _ => Task.CompletedTask));
        Assert.False(_client.IsConnected);
    }

    private Task<MqttSessionStart> StartAsync(MqttClientSubscribeOptions subscriptions, Func<CancellationToken, Task> announce) =>
        MqttSessionSetup.StartAsync(_client, new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("c1")
            .WithWillTopic(Status)
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build(), subscriptions, async token =>
            {
                await announce(token);
                await _client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(Status).WithPayload("online").WithRetainFlag(true)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
            }, CancellationToken.None).WaitAsync(Bound);

    /// <summary>The broker's retained messages once there are any (it stores them beside the publish, not before it).</summary>
    private async Task<IList<MqttApplicationMessage>> RetainedAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var retained = await _broker.GetRetainedMessagesAsync();
            if (retained.Count > 0)
            {
                return retained;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }

    private static MqttClientSubscribeOptions Subscribe(params string[] filters)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return builder.Build();
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
