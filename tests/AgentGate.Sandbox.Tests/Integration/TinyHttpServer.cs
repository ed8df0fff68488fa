using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentGate.Sandbox.Tests.Integration;

/// <summary>A minimal HTTP/1.1 listener on 0.0.0.0 (the gateway stand-in and the decoy): answers every request with the handler's JSON.</summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Any, 0);
    private readonly CancellationTokenSource _cts = new();
    private readonly Func<string, string> _handler;
    private readonly Task _loop;

    public TinyHttpServer(Func<string, string> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<string> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { } catch (ObjectDisposedException) { } catch (SocketException) { }
        _cts.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_cts.Token);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[65536];
            var received = new StringBuilder();
            int headerEnd;
            while ((headerEnd = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
            {
                var n = await stream.ReadAsync(buffer, _cts.Token);
                if (n == 0) return;
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }

            var head = received.ToString()[..headerEnd];
            var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            while (Encoding.UTF8.GetByteCount(received.ToString()) - headerEnd - 4 < length)
            {
                var n = await stream.ReadAsync(buffer, _cts.Token);
                if (n == 0) break;
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }

            var request = received.ToString();
            Requests.Enqueue(request);
            var body = Encoding.UTF8.GetBytes(_handler(request));
            var response = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(response, _cts.Token);
            await stream.WriteAsync(body, _cts.Token);
        }
    }
}
