using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AgentGate.Gateway.Hosting;

/// <summary>
/// Remembers Kestrel's listen options per listener: connections are tagged with their listener, and after
/// start the options hold the actually bound endpoint (port 0 resolved), which tests and the CLI report.
/// </summary>
internal sealed class ListenerBindings
{
    public const string ConnectionItemKey = "agentgate.listener";

    private readonly Dictionary<ListenerKind, ListenOptions> _options = [];

    public void Add(ListenerKind kind, ListenOptions options)
    {
        _options[kind] = options;
        options.Use(next => connection =>
        {
            connection.Items[ConnectionItemKey] = kind;
            return next(connection);
        });
    }

    /// <summary>What the CLI prints: the bound address, and for a wildcard bind also the local address to use.</summary>
    public string Describe(ListenerKind kind)
    {
        var endpoint = _options[kind].IPEndPoint!;
        var local = Address(kind);
        return endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any)
            ? $"http://{(endpoint.Address.Equals(IPAddress.Any) ? "0.0.0.0" : "[::]")}:{endpoint.Port}/ (all interfaces; from this machine {local})"
            : local.ToString();
    }

    /// <summary>An address a local client can connect to (a wildcard bind is reached through loopback).</summary>
    public Uri Address(ListenerKind kind)
    {
        var endpoint = _options[kind].IPEndPoint!;
        var host = endpoint.Address.Equals(IPAddress.Any) ? "127.0.0.1" : endpoint.Address.ToString();
        return new Uri($"http://{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + host + "]" : host)}:{endpoint.Port}");
    }
}
