using System.Text;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Guards.Leaks;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.LeakStop;

/// <summary>
/// The gateway's secrets (every resolved provider key, bound to its provider's host; every https git upstream's
/// secret, bound to that upstream's host; every MCP server secret, see <see cref="McpSecretBindings"/>) plus the well-known
/// credential patterns, as two scanners: one for bodies the gateway forwards on the agent's behalf, where a
/// gateway secret is never legitimate (it injects keys into headers itself), and one bound to upstream hosts
/// for traffic that may carry a credential to where it belongs.
/// </summary>
internal sealed class LeakStopScanner
{
    public const string ErrorType = "credential_leak";
    public const string Rule = "agentgate.leakstop";
    private const int ChunkBytes = 16 * 1024;
    private readonly RegisteredSecret[] _unbound;

    public LeakStopScanner(ProviderRegistry providers, GatewayConfig config, IConfiguration? configuration = null)
    {
        var options = new LeakScannerOptions { MaxScanBytes = Math.Max(config.Proxy.MaxRequestBytes, 8L * 1024 * 1024) };
        var bound = new List<RegisteredSecret>();
        foreach (var route in providers.All)
        {
            if (route.Credential is { } value && Encoding.UTF8.GetByteCount(value) is >= 8 and var n && n <= options.CarryBytes / 4)
            {
                bound.Add(new RegisteredSecret("provider:" + route.Name, value, [route.Config.BaseUrl.Host]));
            }
        }

        bound.AddRange(GitSecretBindings.Read(configuration, options.CarryBytes / 4));
        bound.AddRange(McpSecretBindings.Read(config.Mcp, options.CarryBytes / 4));
        SecretCount = bound.Count;
        _unbound = [.. bound.Select(s => s with { Upstreams = [] })];
        Bodies = new LeakScanner(_unbound, options);
        Bound = new LeakScanner(bound, options);
    }

    public int SecretCount { get; }

    /// <summary>Secrets are refused everywhere; <c>destinationHost</c> only decides JWT audiences.</summary>
    public LeakScanner Bodies { get; }

    /// <summary>A secret may go to its own provider's host and nowhere else.</summary>
    public LeakScanner Bound { get; }

    /// <summary>A scanner like <see cref="Bodies"/> (every gateway secret refused everywhere) with its own limits, e.g. for pushed git objects.</summary>
    public LeakScanner CreateBodyScanner(LeakScannerOptions options) => new(_unbound, options);

    /// <summary>Scans an in-memory body chunk by chunk, the same way a streamed body is scanned.</summary>
    public static LeakFinding? Scan(LeakScanner scanner, ReadOnlySpan<byte> body, string? destinationHost)
    {
        var session = scanner.StartScan(destinationHost);
        for (var offset = 0; ; offset += ChunkBytes)
        {
            var length = Math.Min(ChunkBytes, body.Length - offset);
            var last = offset + length >= body.Length;
            if (session.Scan(body.Slice(offset, length), last) is { } finding)
            {
                return finding;
            }

            if (last)
            {
                return null;
            }
        }
    }

    /// <summary>Scans the strings of an action sent to <c>/v1/authorize</c> (command, path, argv …).</summary>
    public LeakFinding? ScanAction(ObjectValue action) =>
        Scan(Bodies, Encoding.UTF8.GetBytes(ValueJson.Serialize(action)), null);

    public static string Describe(LeakFinding finding) =>
        $"the request carries a credential ({finding}); it was not forwarded";
}
