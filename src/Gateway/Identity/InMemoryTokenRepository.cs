using System.Collections.Concurrent;

namespace AgentGate.Gateway.Identity;

/// <summary>Token records in process memory: the embedded default. A restart forgets every token.</summary>
internal sealed class InMemoryTokenRepository(TimeProvider time) : ITokenRepository
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, TokenRecord> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _hashById = new(StringComparer.Ordinal);
    private int _added;

    public int Count => _byHash.Count;

    public ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        Add(record);
        return ValueTask.CompletedTask;
    }

    public ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TokenLookup.Found(_byHash.GetValueOrDefault(hash)));

    public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) => ValueTask.FromResult(Revoke(id));

    public void Add(TokenRecord record)
    {
        _byHash[record.Hash] = record;
        _hashById[record.Id] = record.Hash;
        if (Interlocked.Increment(ref _added) % SweepEvery == 0)
        {
            Sweep();
        }
    }

    public bool Revoke(string id)
    {
        if (!_hashById.TryGetValue(id, out var hash) || !_byHash.TryGetValue(hash, out var record))
        {
            return false;
        }

        _byHash[hash] = record with { Revoked = true };
        return true;
    }

    public IEnumerable<TokenRecord> Live()
    {
        var now = time.GetUtcNow();
        return _byHash.Values.Where(r => r.ExpiresAt > now);
    }

    /// <summary>Expired records are useless (the check refuses them); dropping them keeps memory bounded.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (hash, record) in _byHash)
        {
            if (record.ExpiresAt <= now && _byHash.TryRemove(hash, out _))
            {
                _hashById.TryRemove(record.Id, out _);
            }
        }
    }
}
