using System.Diagnostics.Metrics;
using AgentGate.Gateway.Enforcement;
using AgentGate.Policy.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class DecisionMemoTests
{
    private const string Pure = "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": input.action.model != \"banned\", \"deny\": [m | input.action.model == \"banned\"; m := \"banned model\"], \"require_approval\": [], \"rule\": \"memo\"}\n";

    private static (PolicyEngine Engine, Func<long> Memoized) Engine(string path)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        long memoized = 0;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this engine's meter: other tests' engines run in parallel in the same process.
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "agentgate.policy.decisions.memoized")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref memoized, v));
        listener.Start();
        var settings = new PolicySettings { Path = path, RunTestsOnLoad = false, Watch = false };
        return (new PolicyEngine(settings, TimeProvider.System, new PolicyMetrics(meters), NullLogger<PolicyEngine>.Instance), () => Interlocked.Read(ref memoized));
    }

    private static ObjectValue Input(string model) => (ObjectValue)ValueJson.Parse("{\"action\": {\"kind\": \"llm\", \"model\": \"" + model + "\"}}");

    private static PolicyDecision Decide(PolicyEngine engine, string model, string time = "2026-11-23T10:00:00Z") =>
        engine.Decide(Input(model), PolicyInput.TimeKey, StringValue.From(time), CancellationToken.None);

    private static void WithPolicy(string rego, Action<string> test)
    {
        var dir = Directory.CreateTempSubdirectory("agentgate-memo-policy-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "p.rego"), rego);
            test(dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Decide_MemoizeEqualInput_SameDecisionWithoutEvaluating() => WithPolicy(Pure, path =>
    {
        var (engine, memoized) = Engine(path);

        var first = Decide(engine, "small");
        var second = Decide(engine, "small");
        var denied = Decide(engine, "banned");

        Assert.True(first.Allow);
        Assert.Same(first, second);
        Assert.Equal(1, memoized());
        Assert.False(denied.Allow);
        Assert.Equal(["banned model"], denied.Deny);
    });

    [Fact]
    public void Decide_WithoutMemoize_EvaluatesEveryTime() => WithPolicy(Pure, path =>
    {
        var (engine, memoized) = Engine(path);

        var first = engine.Decide(Input("small"), CancellationToken.None);
        var second = engine.Decide(Input("small"), CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(0, memoized());
    });

    [Fact]
    public void Decide_PolicyReadsClock_NeverMemoized() => WithPolicy(
        "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": time.now_ns() > 0, \"deny\": [], \"require_approval\": [], \"rule\": \"clock\"}\n", path =>
    {
        var (engine, memoized) = Engine(path);

        var first = Decide(engine, "small");
        var second = Decide(engine, "small");

        Assert.True(first.Allow);
        Assert.NotSame(first, second);
        Assert.Equal(0, memoized());
    });

    [Fact]
    public void Decide_BundleReloaded_MemoOfOldBundleNotUsed() => WithPolicy(Pure, path =>
    {
        var (engine, _) = Engine(path);
        Assert.True(Decide(engine, "small").Allow);

        File.WriteAllText(Path.Combine(path, "p.rego"), Pure.Replace("!= \"banned\"", "== \"banned\"", StringComparison.Ordinal));
        Assert.True(engine.Reload().Success);
        var after = Decide(engine, "small");

        Assert.False(after.Allow);
        Assert.Equal(engine.Revision, after.Revision);
    });

    [Fact]
    public void Decide_PolicyIgnoresTime_ReusedInLaterSeconds() => WithPolicy(Pure, path =>
    {
        var (engine, memoized) = Engine(path);

        var first = Decide(engine, "small", "2026-11-23T10:00:00Z");
        var later = Decide(engine, "small", "2026-11-23T10:00:07Z");

        Assert.Same(first, later);
        Assert.Equal(1, memoized());
    });

    [Fact]
    public void Decide_PolicyReadsInputTime_ReusedOnlyWithinTheSameSecond() => WithPolicy(
        "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": input.time < \"2026-11-23T10:00:05Z\", \"deny\": [], \"require_approval\": [], \"rule\": \"time\"}\n", path =>
    {
        var (engine, memoized) = Engine(path);

        var first = Decide(engine, "small", "2026-11-23T10:00:00Z");
        var same = Decide(engine, "small", "2026-11-23T10:00:00Z");
        var later = Decide(engine, "small", "2026-11-23T10:00:07Z");

        Assert.True(first.Allow);
        Assert.Same(first, same);
        Assert.False(later.Allow);
        Assert.Equal(1, memoized());
    });

    [Fact]
    public void Decide_PolicyReadsWholeInput_TimeTreatedAsRead() => WithPolicy(
        "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": object.get(input, \"time\", \"\") < \"2026-11-23T10:00:05Z\", \"deny\": [], \"require_approval\": [], \"rule\": \"whole\"}\n", path =>
    {
        var (engine, _) = Engine(path);

        Assert.True(Decide(engine, "small", "2026-11-23T10:00:00Z").Allow);
        Assert.False(Decide(engine, "small", "2026-11-23T10:00:07Z").Allow);
    });
}
