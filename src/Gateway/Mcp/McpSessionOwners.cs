using System.Collections.Concurrent;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Binds each upstream <c>Mcp-Session-Id</c> to the agent that opened it, so no agent can ride on another
/// agent's session. An id the gateway has not seen (e.g. after a restart) is claimed by its first presenter.
/// </summary>
internal sealed class McpSessionOwners
{
    private const int MaxSessions = 100_000;
    private readonly ConcurrentDictionary<(string Server, string Session), string> _owners = new();

    /// <summary>False when the session belongs to another agent.</summary>
    public bool TryClaim(string server, string session, string agentId)
    {
        if (_owners.Count >= MaxSessions && !_owners.ContainsKey((server, session)))
        {
            // Bounded: forget the oldest-inserted half rather than grow without limit.
            foreach (var key in _owners.Keys.Take(MaxSessions / 2))
            {
                _owners.TryRemove(key, out _);
            }
        }

        return _owners.GetOrAdd((server, session), agentId) == agentId;
    }

    public void Release(string server, string session) => _owners.TryRemove((server, session), out _);
}
