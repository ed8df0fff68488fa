using AgentGate.Policy;
using AgentGate.Policy.Tooling;
using AgentGate.Policy.Values;
using BenchmarkDotNet.Attributes;

namespace AgentGate.Benchmarks.Policy;

/// <summary>
/// Per-decision cost of the realistic gateway policy (<see cref="RealisticPolicy"/>) and of the
/// shipped bundle (policies/) against a trivial one-rule bundle as the in-run baseline, for the inputs
/// the gateway builds (~20 fields).
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private PolicyBundle _trivial = null!;
    private PolicyBundle _shipped = null!;
    private PolicyBundle _realistic = null!;
    private Value _realisticInput = null!;
    private Value _exec = null!;
    private Value _llm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _realistic = RealisticPolicy.Compile();
        _realisticInput = ValueJson.Parse(RealisticPolicy.Input);
        _trivial = PolicyBundle.Compile([new("t.rego", "package agentgate\n\ndecision := {\"allow\": true}\n")]).Bundle!;
        var sources = PolicySources.Load([FindPolicies()]);
        _shipped = PolicyBundle.Compile(sources.Modules, sources.Data).Bundle
            ?? throw new InvalidOperationException("the shipped bundle does not compile");
        const string agent = "\"agent\":{\"id\":\"builder-17\",\"role\":\"builder\",\"lane\":\"auth\",\"owner\":\"sam\"},\"session\":{\"id\":\"tok_1\",\"task\":\"ISSUE-342\",\"sandbox\":null},\"time\":\"2026-11-23T10:00:00Z\"";
        _exec = ValueJson.Parse("{" + agent + ",\"action\":{\"kind\":\"exec\",\"command\":\"grep -r auth src | sort\",\"cwd\":\"/workspace\",\"argv\":[\"grep\",\"-r\",\"auth\",\"src\"],\"commands\":[{\"argv\":[\"grep\",\"-r\",\"auth\",\"src\"],\"name\":\"grep\"},{\"argv\":[\"sort\"],\"name\":\"sort\"}]}}");
        _llm = ValueJson.Parse("{" + agent + ",\"action\":{\"kind\":\"llm\",\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\",\"method\":\"POST\",\"path\":\"/v1/messages\",\"stream\":true,\"max_tokens\":1024}}");
    }

    [Benchmark(Baseline = true)]
    public Value? TrivialBundle() => _trivial.EvaluateRule("data.agentgate.decision", _llm).Value;

    [Benchmark]
    public Value? RealisticPolicy_File() => _realistic.EvaluateRule("data.gateway.decision", _realisticInput).Value;

    [Benchmark]
    public Value? ShippedBundle_Llm() => _shipped.EvaluateRule("data.agentgate.decision", _llm).Value;

    [Benchmark]
    public Value? ShippedBundle_Exec() => _shipped.EvaluateRule("data.agentgate.decision", _exec).Value;

    private static string FindPolicies()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "policies", "agentgate")))
            {
                return Path.Combine(dir.FullName, "policies");
            }
        }

        throw new DirectoryNotFoundException("policies/ not found");
    }
}
