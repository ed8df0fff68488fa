using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// Counts the runtime's allocation ticks (one event per ~100 KB allocated, naming the type that crossed
/// the threshold) by type, so <c>--alloc</c> shows which types make up the bytes per request.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public IReadOnlyList<(string Type, long Bytes)> TakeTop(int count)
    {
        var top = _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value)).ToList();
        _bytes.Clear();
        return top;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.EventId != AllocationTickEventId || eventData.Payload is null)
        {
            return;
        }

        var type = "?";
        long amount = 0;
        long size = 0;
        for (var i = 0; i < eventData.Payload.Count; i++)
        {
            switch (eventData.PayloadNames?[i])
            {
                case "TypeName":
                    type = eventData.Payload[i] as string ?? "?";
                    break;
                case "AllocationAmount64":
                    amount = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "ObjectSize":
                    size = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    break;
            }
        }

        // Arrays by size as well: a pooled buffer that misses the pool shows up as one size.
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            type += " (" + size.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B)";
        }

        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
