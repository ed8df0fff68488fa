using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>test.sleep(duration): pauses evaluation (Go duration text), returns null; ends early when the query is cancelled.</summary>
[BuiltinGroup]
internal static class TestSleepBuiltins
{
    internal static void Register(BuiltinTable t) =>
        t.Add(new BuiltinDefinition("test.sleep", 1, Sleep) { Nondeterministic = true });

    private static Value? Sleep(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "test.sleep";
        var text = BuiltinArgs.String(Name, a, 0);
        var nanos = GoDuration.Parse(text) ?? throw BuiltinException.Error(Name, $"time: invalid duration \"{text}\"");
        if (nanos > 0)
        {
            context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromTicks(nanos / 100));
        }

        return NullValue.Instance;
    }
}
