using System.Buffers;
using System.IO.Pipelines;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Reads the first bytes the agent sends into an established tunnel until the TLS ClientHello is complete (or it
/// is clearly not TLS) and hands them back, to be written upstream first if the tunnel goes on. A client that sends nothing for <c>timeout</c> (a
/// server-speaks-first protocol) counts as not TLS.
/// </summary>
internal static class TunnelPeeker
{
    /// <summary>A fatal TLS alert (access_denied), so a refused TLS client reports a clear handshake failure.</summary>
    public static readonly byte[] AccessDeniedAlert = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x31];

    public static async Task<(TlsPeek Peek, byte[] Head)> PeekAsync(PipeReader input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout);
        using (timer.Token.Register(input.CancelPendingRead))
        {
            while (true)
            {
                var result = await input.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var peek = TlsPeek.Parse(buffer);
                if (peek.Kind != TlsPeekKind.NeedMore || result.IsCompleted || result.IsCanceled)
                {
                    var head = buffer.ToArray();
                    input.AdvanceTo(buffer.End);
                    return (peek.Kind == TlsPeekKind.NeedMore ? new TlsPeek(head.Length == 0 ? TlsPeekKind.NotTls : TlsPeekKind.Malformed) : peek, head);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }
}
