using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Guards.Network;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Kestrel connection middleware on the agent listener: a connection that starts with <c>CONNECT </c> is a
/// forward-proxy tunnel and is handled here (authenticate, decide, connect to the checked address, relay
/// bytes); anything else is handed to the HTTP pipeline untouched, since nothing was consumed.
/// </summary>
internal sealed class ConnectTunnel(EgressDecider decider, GatewayConfig config)
{
    private static readonly byte[] Method = "CONNECT "u8.ToArray();
    public static readonly TimeSpan PeekTimeout = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var input = connection.Transport.Input;
        var result = await input.ReadAsync(connection.ConnectionClosed);
        while (true)
        {
            var buffer = result.Buffer;
            var n = (int)Math.Min(buffer.Length, Method.Length);
            var prefix = buffer.Slice(0, n).ToArray();
            if (!Method.AsSpan(0, n).SequenceEqual(prefix) || (n < Method.Length && result.IsCompleted))
            {
                input.AdvanceTo(buffer.Start);
                await next(connection);
                return;
            }

            if (n == Method.Length)
            {
                break;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            result = await input.ReadAsync(connection.ConnectionClosed);
        }

        var head = await ReadHeadAsync(input, result, connection.ConnectionClosed);
        var request = head is null ? null : ConnectRequest.Parse(head);
        if (request is null)
        {
            await WriteErrorAsync(connection, 400, "Bad Request", ErrorTypes.BadRequest, "malformed CONNECT request", null);
            return;
        }

        await TunnelAsync(connection, request);
    }

    private static async Task<string?> ReadHeadAsync(PipeReader input, ReadResult result, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                var text = Encoding.Latin1.GetString(head);
                input.AdvanceTo(reader.Position);
                return text;
            }

            if (buffer.Length > ConnectRequest.MaxHeadBytes || result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            result = await input.ReadAsync(cancellationToken);
        }
    }

    private async Task TunnelAsync(ConnectionContext connection, ConnectRequest request)
    {
        var closed = connection.ConnectionClosed;
        var target = new EgressTarget("connect", request.Host.Trim('[', ']'), request.Port, "CONNECT", string.Empty);
        var verdict = await decider.DecideAsync(request.ProxyAuthorization, target, null, "req_" + connection.ConnectionId, closed);
        if (!verdict.Allowed)
        {
            var reason = verdict.StatusCode == 407 ? "Proxy Authentication Required" : "Forbidden";
            await WriteErrorAsync(connection, verdict.StatusCode, reason, verdict.ErrorType!, verdict.Message!, verdict.Rule);
            return;
        }

        using var socket = new Socket(verdict.Address!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(closed))
        {
            timeout.CancelAfter(config.Proxy.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(verdict.Address, request.Port), timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await WriteErrorAsync(connection, 502, "Bad Gateway", ErrorTypes.UpstreamUnavailable, $"could not connect to {target.Display}", null);
                return;
            }
        }

        var client = TunnelRelay.ClientSocket(connection);
        if (!await EstablishedAsync(connection, client, closed))
        {
            return;
        }

        var (peek, head) = await TunnelPeeker.PeekAsync(connection.Transport.Input, PeekTimeout, closed);
        if (await RefusedAfterPeekAsync(connection, verdict, target, peek, closed))
        {
            return;
        }

        socket.NoDelay = true;
        try
        {
            await socket.SendAsync(head, SocketFlags.None, closed);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return;
        }

        await TunnelRelay.RunAsync(connection, socket, client);
    }

    /// <summary>The 200 goes straight to the socket when the relay will write there, so nothing can overtake it.</summary>
    private static async Task<bool> EstablishedAsync(ConnectionContext connection, Socket? client, CancellationToken closed)
    {
        var established = "HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray();
        if (client is null)
        {
            await connection.Transport.Output.WriteAsync(established, closed);
            return true;
        }

        try
        {
            await TunnelRelay.SendAllAsync(client, established, closed);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>TLS must name the CONNECT host (gateway rule); anything else is decided by the policy as <c>tcp</c>.</summary>
    private async Task<bool> RefusedAfterPeekAsync(ConnectionContext connection, EgressVerdict verdict, EgressTarget target, TlsPeek peek, CancellationToken closed)
    {
        var requestId = "req_" + connection.ConnectionId;
        if (ServerNameRule.Check(peek, target.Host) is { } refusal)
        {
            var late = EgressVerdict.Refuse(StatusCodes.Status403Forbidden, refusal.Type, refusal.Message, EgressDecider.GuardRule);
            await decider.RefuseLateAsync(verdict, target with { Method = "TLS" }, late, requestId);
            await connection.Transport.Output.WriteAsync(TunnelPeeker.AccessDeniedAlert, closed);
            return true;
        }

        if (peek.Kind == TlsPeekKind.ClientHello)
        {
            return false;
        }

        var plain = await decider.DecidePlainTunnelAsync(verdict, target, requestId, closed);
        return !plain.Allowed;
    }

    private static async Task WriteErrorAsync(ConnectionContext connection, int status, string reason, string type, string message, string? rule)
    {
        var body = ErrorResponse.Serialize(type, message, rule);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(reason).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n")
            .Append(status == 407 ? "Proxy-Authenticate: " + ProxyAuthentication.Challenge + "\r\n" : string.Empty)
            .Append("Connection: close\r\n\r\n");
        var output = connection.Transport.Output;
        await output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), connection.ConnectionClosed);
        await output.WriteAsync(body, connection.ConnectionClosed);
    }
}
