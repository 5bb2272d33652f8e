using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;
using SmartHome.ServiceDefaults;

namespace SmartHome.SimulatedPlug.Radio;

/// <summary>
/// The plug's 2.4 GHz Wi-Fi radio, through which MQTTnet opens its TCP connection. Switched off,
/// every link goes silent (no DISCONNECT, no FIN: the broker notices after 1.5 x keep-alive and
/// publishes the last will) and no new connection can be made until it is switched back on.
/// </summary>
internal sealed class PlugRadio : IMqttClientStreamProvider
{
    private readonly Lock _lock = new();
    private readonly List<RadioLink> _links = [];
    private readonly OpenSignal _on = new();
    private TaskCompletionSource _off = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOn => _on.IsOpen;

    /// <summary>Completes when the radio is (or comes back) on.</summary>
    public Task WaitUntilOnAsync(CancellationToken cancellationToken) => _on.WaitUntilOpenAsync(cancellationToken);

    /// <summary>Completes when the radio goes off.</summary>
    public Task WhenOff
    {
        get
        {
            lock (_lock)
            {
                return _off.Task;
            }
        }
    }

    /// <summary>Switches the radio off; false when it already was.</summary>
    public bool SwitchOff()
    {
        lock (_lock)
        {
            if (!_on.Close())
            {
                return false;
            }

            foreach (var link in _links)
            {
                link.GoSilent();
            }

            _off.TrySetResult();
            return true;
        }
    }

    /// <summary>Switches the radio on; false when it already was.</summary>
    public bool SwitchOn()
    {
        lock (_lock)
        {
            if (_on.IsOpen)
            {
                return false;
            }

            // The old connections are dead for the broker by now (or die with this FIN): close them.
            foreach (var link in _links)
            {
                link.CloseSocket();
            }

            _links.Clear();
            _off = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _on.Open();
            return true;
        }
    }

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        if (!IsOn)
        {
            throw new SocketException((int)SocketError.NetworkUnreachable);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var link = new RadioLink(socket);
        lock (_lock)
        {
            _links.RemoveAll(old => !old.CanRead);
            _links.Add(link);
            if (!_on.IsOpen)
            {
                link.GoSilent();
            }
        }

        return link;
    }
}
