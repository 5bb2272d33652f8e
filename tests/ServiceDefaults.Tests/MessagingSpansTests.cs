using System.Diagnostics;
using SmartHome.ServiceDefaults.Uplink;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>The one set of messaging span names, kinds and tags (docs/protocols.md), and how a failing span is marked.</summary>
public sealed class MessagingSpansTests : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string SpanId = "b7ad6b7169203331";
    private const string Topic = "homes/home-1/devices/plug-1/set";

    private static readonly ActivitySource Source = new("SmartHome.ServiceDefaults.Tests.Messaging");
    private static readonly ActivityContext Sender = new(ActivityTraceId.CreateFromString(TraceId),
        ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded, isRemote: true);

    private readonly ActivityRecorder _tracing = new(Source.Name);

    public void Dispose() => _tracing.Dispose();

    [Fact]
    public void An_mqtt_publish_is_a_producer_span_named_after_its_topic()
    {
        var span = Stopped(Source.StartMqttSend(Topic, "gateway-home-1").SetPacketIdentifier(5));

        Assert.Equal($"send {Topic}", span.DisplayName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        AssertTags(span, ("network.protocol.name", "mqtt"), ("messaging.destination.name", Topic),
            ("messaging.operation.type", "send"), ("messaging.operation.name", "publish"),
            ("messaging.client.id", "gateway-home-1"), ("messaging.message.id", "5"));
    }

    [Fact]
    public void An_mqtt_message_is_processed_in_a_consumer_span_under_the_publishers()
    {
        var span = Stopped(Source.StartMqttProcess(Topic, "plug-1", Sender)
            .SetConversationId(Guid.Parse("6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f")));

        Assert.Equal($"process {Topic}", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(Sender.TraceId, span.TraceId);
        Assert.Equal(Sender.SpanId, span.ParentSpanId);
        AssertTags(span, ("network.protocol.name", "mqtt"), ("messaging.destination.name", Topic),
            ("messaging.operation.type", "process"), ("messaging.operation.name", "process"), ("messaging.client.id", "plug-1"),
            ("messaging.message.conversation_id", "6f1c2a4e-9d1b-4c55-8f0e-3a2b1c4d5e6f"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData((ushort)0)]
    public void Without_a_packet_identifier_there_is_no_message_id(ushort? packetIdentifier)
    {
        var span = Stopped(Source.StartMqttSend(Topic, "plug-1").SetPacketIdentifier(packetIdentifier));

        Assert.Null(span.GetTagItem("messaging.message.id"));
    }

    [Fact]
    public void A_command_frame_leaves_in_a_producer_span_named_after_the_device()
    {
        var span = Stopped(Source.StartUplinkSend("home-1", new CommandFrame("c-1", "plug-1", new LightState("ON"))));

        Assert.Equal("send command plug-1", span.DisplayName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        AssertTags(span, ("network.protocol.name", "websocket"), ("messaging.destination.name", "uplink/home-1"),
            ("messaging.operation.type", "send"), ("messaging.operation.name", "command"), ("messaging.message.id", "c-1"),
            ("smarthome.device.id", "plug-1"));
    }

    [Fact]
    public void A_command_frame_is_processed_in_a_consumer_span_under_the_context_it_carried()
    {
        var frame = new CommandFrame("c-1", "plug-1", new LightState("ON"), $"00-{TraceId}-{SpanId}-01", "vendor=abc");

        var span = Stopped(Source.StartUplinkProcess("home-1", frame));

        Assert.Equal("process command plug-1", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(Sender.TraceId, span.TraceId);
        Assert.Equal(Sender.SpanId, span.ParentSpanId);
        Assert.Equal("vendor=abc", span.TraceStateString);
        AssertTags(span, ("network.protocol.name", "websocket"), ("messaging.destination.name", "uplink/home-1"),
            ("messaging.operation.type", "process"), ("messaging.operation.name", "command"), ("messaging.message.id", "c-1"),
            ("smarthome.device.id", "plug-1"));
    }

    [Theory]
    [InlineData(true, "process device plug-1 online")]
    [InlineData(false, "process device plug-1 offline")]
    public void A_device_frame_is_processed_in_a_consumer_span_that_says_what_happened(bool online, string name)
    {
        var span = Stopped(Source.StartUplinkProcess("home-1", new DeviceFrame("plug-1", online, Traceparent: $"00-{TraceId}-{SpanId}-01")));

        Assert.Equal(name, span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(Sender.SpanId, span.ParentSpanId);
        AssertTags(span, ("network.protocol.name", "websocket"), ("messaging.destination.name", "uplink/home-1"),
            ("messaging.operation.type", "process"), ("messaging.operation.name", "device"), ("smarthome.device.id", "plug-1"),
            ("smarthome.device.online", online));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00-garbled")]
    public void A_frame_without_a_valid_context_starts_a_new_trace(string? traceparent)
    {
        Activity.Current = null;
        var span = Stopped(Source.StartUplinkProcess("home-1", new CommandFrame("c-1", "plug-1", new LightState("ON"), traceparent)));

        Assert.Equal(default, span.ParentSpanId);
        Assert.Null(span.Parent);
        Assert.NotEqual(Sender.TraceId, span.TraceId);
        Assert.NotEqual(default, span.TraceId);
    }

    [Fact]
    public void No_messaging_span_carries_messaging_system()
    {
        // The Aspire dashboard would label such a span "MSG <system> ..." instead of showing its name.
        Stopped(Source.StartMqttSend(Topic, "gateway-home-1"));
        Stopped(Source.StartMqttProcess(Topic, "plug-1", default));
        Stopped(Source.StartUplinkSend("home-1", new CommandFrame("c-1", "plug-1", new LightState("ON"))));
        Stopped(Source.StartUplinkProcess("home-1", new DeviceFrame("plug-1", true)));

        Assert.Equal(4, _tracing.Stopped.Count);
        Assert.All(_tracing.Stopped, span => Assert.Null(span.GetTagItem("messaging.system")));
    }

    [Fact]
    public void A_failed_hop_turns_the_span_red_and_renames_it_to_the_cause()
    {
        var span = Stopped(Source.StartUplinkProcess("home-1", new CommandFrame("c-1", "plug-1", new LightState("ON")))
            .Fail(new FailedHop(ChainHops.Plug, "the plug did not answer within 5 s")));

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("the plug did not answer within 5 s", span.StatusDescription);
        Assert.Equal("plug did not answer within 5 s", span.DisplayName);
        Assert.Equal("process command plug-1", span.OperationName);
        AssertTags(span, ("smarthome.failed_hop", "plug"), ("smarthome.cause", "the plug did not answer within 5 s"));
    }

    [Fact]
    public void A_cause_that_is_not_a_sentence_about_a_part_is_headed_by_its_hop()
    {
        Assert.Equal("gateway: command failed", MessagingSpans.Headline(new FailedHop(ChainHops.Gateway, "command failed")));
    }

    [Fact]
    public void A_plain_failure_names_no_hop()
    {
        var span = Stopped(Source.StartMqttSend(Topic, "plug-1").Fail("PUBACK NotAuthorized"));

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("PUBACK NotAuthorized", span.StatusDescription);
        Assert.Equal($"send {Topic}", span.DisplayName);
        Assert.Null(span.GetTagItem("smarthome.failed_hop"));
    }

    [Fact]
    public void Nothing_is_started_or_marked_when_nothing_listens()
    {
        var quiet = new ActivitySource("SmartHome.ServiceDefaults.Tests.Unheard");

        Assert.Null(quiet.StartMqttSend(Topic, "plug-1").SetPacketIdentifier(1).Fail("x"));
        Assert.Null(quiet.StartUplinkProcess("home-1", new DeviceFrame("plug-1", true)).Fail(new FailedHop(ChainHops.Plug, "the plug")));
    }

    private static Activity Stopped(Activity? activity)
    {
        Assert.NotNull(activity);
        activity.Stop();
        return activity;
    }

    private static void AssertTags(Activity span, params (string Key, object Value)[] expected)
    {
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, span.GetTagItem(key));
        }
    }
}
