using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Which fleets each sandboxed agent id runs in (tokens name the agent, the watchdog keys by fleet and agent),
/// and which agents the watchdog has paused from model access.
/// </summary>
internal sealed class FleetAgentIndex
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _fleetsByAgent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Fleet, string Agent), string> _paused = new();

    public IReadOnlyCollection<string> FleetsOf(string agent) =>
        _fleetsByAgent.TryGetValue(agent, out var fleets) ? fleets : [];

    public void Replace(IEnumerable<(string Fleet, string Agent)> agents)
    {
        var next = agents.GroupBy(a => a.Agent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Fleet).ToImmutableHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var agent in _fleetsByAgent.Keys.Where(a => !next.ContainsKey(a))) _fleetsByAgent.TryRemove(agent, out _);
        foreach (var (agent, fleets) in next) _fleetsByAgent[agent] = fleets;
    }

    public void Pause(string fleet, string agent, string reason) => _paused[(fleet, agent)] = reason;

    public void Resume(string fleet, string agent) => _paused.TryRemove((fleet, agent), out _);

    /// <summary>The pause reason when the agent is paused in every fleet it runs in (it cannot be told apart otherwise).</summary>
    public string? PausedReason(string agent)
    {
        var fleets = FleetsOf(agent);
        if (fleets.Count == 0) return null;
        string? reason = null;
        foreach (var fleet in fleets)
        {
            if (!_paused.TryGetValue((fleet, agent), out reason)) return null;
        }

        return reason;
    }
}
