using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Moves tunnel bytes between the agent's connection (Kestrel's pipes) and the upstream socket in large chunks:
/// one 256 KiB receive and one flush per chunk downstream, one contiguous send per read upstream. (The stock
/// <c>Stream.CopyToAsync(PipeWriter)</c> reads into the pipe's 4 KiB blocks, a flush and a thread hop per 4 KiB.)
/// When the agent's connection is a plain socket (<see cref="ClientSocket"/>), the downstream direction is written
/// to that socket directly, skipping the output pipe's copy and the transport's send loop; Kestrel still owns
/// the receive side, so upstream bytes come through its input pipe.
/// </summary>
internal static class TunnelRelay
{
    private const int ChunkBytes = 256 * 1024;

    /// <summary>The agent connection's socket when nothing (TLS) sits between it and the transport, else null.</summary>
    public static Socket? ClientSocket(ConnectionContext connection) =>
        connection.Features.Get<ITlsHandshakeFeature>() is null ? connection.Features.Get<IConnectionSocketFeature>()?.Socket : null;

    /// <summary>Relays until either side ends. <paramref name="client"/>: from <see cref="ClientSocket"/>, with
    /// nothing left unsent in the output pipe (the caller wrote its response to the socket itself).</summary>
    public static async Task RunAsync(ConnectionContext connection, Socket socket, Socket? client)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        socket.ReceiveBufferSize = Math.Max(socket.ReceiveBufferSize, ChunkBytes * 4);
        if (client is not null)
        {
            client.SendBufferSize = Math.Max(client.SendBufferSize, ChunkBytes * 4);
        }

        var up = Pump(() => UpAsync(connection.Transport.Input, socket, stop.Token));
        var down = Pump(() => client is null ? DownAsync(socket, connection.Transport.Output, stop.Token) : DownAsync(socket, client, stop.Token));
        if (await Task.WhenAny(up, down) == down)
        {
            await stop.CancelAsync();
        }

        await Task.WhenAll(up, down);
    }

    private static async Task UpAsync(PipeReader input, Socket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(cancellationToken);
                var data = result.Buffer;
                while (!data.IsEmpty)
                {
                    var n = (int)Math.Min(buffer.Length, data.Length);
                    data.Slice(0, n).CopyTo(buffer);
                    await SendAllAsync(socket, buffer.AsMemory(0, n), cancellationToken);
                    data = data.Slice(n);
                }

                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            socket.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task DownAsync(Socket socket, PipeWriter output, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken)) > 0)
            {
                var flush = await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Two buffers: the next receive runs while the previous chunk is being sent.</summary>
    private static async Task DownAsync(Socket socket, Socket client, CancellationToken cancellationToken)
    {
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(ChunkBytes), ArrayPool<byte>.Shared.Rent(ChunkBytes) };
        try
        {
            var current = 0;
            var n = await socket.ReceiveAsync(buffers[current].AsMemory(), SocketFlags.None, cancellationToken);
            while (n > 0)
            {
                var send = SendAllAsync(client, buffers[current].AsMemory(0, n), cancellationToken);
                current ^= 1;
                var next = socket.ReceiveAsync(buffers[current].AsMemory(), SocketFlags.None, cancellationToken);
                await send;
                n = await next;
            }

            client.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data, SocketFlags.None, cancellationToken)..];
        }
    }

    private static async Task Pump(Func<Task> copy)
    {
        try
        {
            await copy();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException or InvalidOperationException)
        {
            // Either side went away; the tunnel ends.
        }
    }
}
