using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>
/// A plain TCP listener on every host address that answers any connection with an HTTP "decoy" page and counts
/// connections: a sandbox reaching it is a hole in the fleet network.
/// </summary>
internal sealed class DecoyListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Any, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public DecoyListener()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        var page = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\ndecoy");
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                await client.GetStream().WriteAsync(page, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
