using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>Tracks each session's latest input size and flags sessions past the warning ratio of their
/// model's context window, so nobody falls off the context cliff silently.</summary>
internal sealed class ContextWatch(IOptions<BudgetOptions> options, TimeProvider time)
{
    private const int MaxSessions = 10_000;
    private static readonly TimeSpan Stale = TimeSpan.FromHours(6);
    private readonly ConcurrentDictionary<string, ContextUsage> _sessions = new(StringComparer.Ordinal);

    public int FlaggedCount
    {
        get
        {
            var count = 0;
            foreach (var entry in _sessions)
            {
                count += entry.Value.Flagged ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Records the real input tokens (uncached + cache read) of a finished call.</summary>
    public ContextUsage? Record(string session, string agent, string model, long inputTokens)
    {
        if (session.Length == 0)
        {
            return null;
        }

        var window = options.Value.ContextWindows.GetValueOrDefault(model);
        var usage = new ContextUsage(session, agent, model, inputTokens, window, time.GetUtcNow());
        usage = usage with { Flagged = window > 0 && usage.Ratio >= options.Value.ContextWarningRatio };
        _sessions[session] = usage;
        if (_sessions.Count > MaxSessions)
        {
            Prune();
        }

        return usage;
    }

    public ContextUsage? Get(string session) => _sessions.GetValueOrDefault(session);

    public IReadOnlyList<ContextUsage> Flagged()
    {
        var list = new List<ContextUsage>();
        foreach (var entry in _sessions)
        {
            if (entry.Value.Flagged)
            {
                list.Add(entry.Value);
            }
        }

        return list;
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - Stale;
        foreach (var entry in _sessions)
        {
            if (entry.Value.UpdatedAt < cutoff)
            {
                _sessions.TryRemove(entry.Key, out _);
            }
        }
    }
}
