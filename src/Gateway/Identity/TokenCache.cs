using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// A replica's short-lived memory of positive token lookups, so the per-request check does not go to Redis.
/// Entries live for a few seconds at most; a revocation (local or from pub/sub) evicts at once. A revocation
/// that arrives while a record is being fetched bumps the generation, so the fetched (stale) record is not kept.
/// </summary>
internal sealed class TokenCache(TimeSpan lifetime, TimeProvider time)
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetimeTicks = (long)(lifetime.TotalSeconds * time.TimestampFrequency);
    private long _generation;
    private volatile bool _enabled;
    private int _puts;

    /// <summary>Off while revocations cannot be heard (no pub/sub subscription): every check then asks Redis.</summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            Clear();
        }
    }

    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    public bool TryGet(string hash, [NotNullWhen(true)] out TokenRecord? record)
    {
        if (_enabled && _entries.TryGetValue(hash, out var entry) && time.GetTimestamp() < entry.FreshUntil)
        {
            record = entry.Record;
            return true;
        }

        record = null;
        return false;
    }

    /// <param name="generation">The <see cref="Generation"/> read before the record was fetched.</param>
    public void Put(TokenRecord record, long generation)
    {
        if (!_enabled || _lifetimeTicks <= 0 || record.Revoked)
        {
            return;
        }

        _entries[record.Hash] = new Entry(record, time.GetTimestamp() + _lifetimeTicks);
        if (Generation != generation)
        {
            _entries.TryRemove(record.Hash, out _);
        }

        if (Interlocked.Increment(ref _puts) % SweepEvery == 0)
        {
            Sweep();
        }
    }

    public void Evict(string hash)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(hash, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private void Sweep()
    {
        var now = time.GetTimestamp();
        foreach (var (hash, entry) in _entries)
        {
            if (entry.FreshUntil <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
            }
        }
    }

    private readonly record struct Entry(TokenRecord Record, long FreshUntil);
}
