namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The fair queue of one provider pool. Higher role priority goes first; within a priority, agents take
/// turns (round-robin over per-agent FIFO queues), so an agent that floods only lengthens its own queue.
/// One dispatcher at a time retries the head against the store; it sleeps until the store's retry hint
/// (at most a second, since other replicas free capacity too) or until a local settlement kicks it.
/// </summary>
internal sealed class PacingQueue(TimeProvider time, Func<PacingWaiter, ValueTask<long?>> attempt)
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, Tier> _tiers = new(Comparer<int>.Create(static (a, b) => b.CompareTo(a)));
    private ITimer? _timer;
    private bool _dispatching;
    private int _count;

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(PacingWaiter waiter, long retryAfterMs)
    {
        lock (_gate)
        {
            if (!_tiers.TryGetValue(waiter.Priority, out var tier))
            {
                tier = new Tier();
                _tiers[waiter.Priority] = tier;
            }

            var agent = waiter.Request.Agent;
            if (!tier.Queues.TryGetValue(agent, out var queue))
            {
                queue = new Queue<PacingWaiter>();
                tier.Queues[agent] = queue;
                tier.Rotation.AddLast(agent);
            }

            queue.Enqueue(waiter);
            _count++;
            if (!_dispatching && _count == 1)
            {
                Arm(retryAfterMs);
            }
        }
    }

    /// <summary>Capacity may have been freed: retry the head now.</summary>
    public void Kick()
    {
        lock (_gate)
        {
            if (_dispatching || _count == 0)
            {
                return;
            }

            _dispatching = true;
        }

        _ = DispatchAsync();
    }

    private async Task DispatchAsync()
    {
        while (true)
        {
            PacingWaiter? head;
            lock (_gate)
            {
                head = PeekLive();
                if (head is null)
                {
                    _dispatching = false;
                    return;
                }
            }

            long? retryAfterMs;
            try
            {
                retryAfterMs = await attempt(head).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                head.Fail(ex);
                retryAfterMs = null;
            }

            lock (_gate)
            {
                if (retryAfterMs is { } retry && !head.IsCompleted)
                {
                    _dispatching = false;
                    Arm(retry);
                    return;
                }

                Remove(head);
            }
        }
    }

    private void Arm(long retryAfterMs)
    {
        var due = TimeSpan.FromMilliseconds(Math.Max(1, retryAfterMs));
        _timer ??= time.CreateTimer(static s => ((PacingQueue)s!).Kick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due < MaxSleep ? due : MaxSleep, Timeout.InfiniteTimeSpan);
    }

    private PacingWaiter? PeekLive()
    {
        foreach (var tier in _tiers.Values)
        {
            while (tier.Rotation.First is { } node)
            {
                var queue = tier.Queues[node.Value];
                while (queue.Count > 0 && queue.Peek().IsCompleted)
                {
                    queue.Dequeue();
                    _count--;
                }

                if (queue.Count > 0)
                {
                    return queue.Peek();
                }

                tier.Queues.Remove(node.Value);
                tier.Rotation.RemoveFirst();
            }
        }

        return null;
    }

    private void Remove(PacingWaiter head)
    {
        var tier = _tiers[head.Priority];
        var agent = head.Request.Agent;
        var queue = tier.Queues[agent];
        queue.Dequeue();
        _count--;
        tier.Rotation.Remove(agent);
        if (queue.Count > 0)
        {
            tier.Rotation.AddLast(agent);
        }
        else
        {
            tier.Queues.Remove(agent);
        }
    }

    private sealed class Tier
    {
        public Dictionary<string, Queue<PacingWaiter>> Queues { get; } = new(StringComparer.Ordinal);

        public LinkedList<string> Rotation { get; } = new();
    }
}
