using System.Text;
using AgentGate.Policy;
using BenchmarkDotNet.Attributes;

namespace AgentGate.Benchmarks.Policy;

/// <summary>Compiling a 1,000-rule bundle (target &lt; 1 s), against a 10-rule bundle as baseline.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private KeyValuePair<string, string>[] _small = [];
    private KeyValuePair<string, string>[] _large = [];

    [GlobalSetup]
    public void Setup()
    {
        _small = [new("small.rego", Module(10))];
        _large = [new("large.rego", Module(1000))];
    }

    [Benchmark(Baseline = true)]
    public bool Rules10() => PolicyBundle.Compile(_small).Success;

    [Benchmark]
    public bool Rules1000() => PolicyBundle.Compile(_large).Success;

    private static string Module(int rules)
    {
        var sb = new StringBuilder("package bench\n\nimport rego.v1\n\n");
        for (var i = 0; i < rules; i++)
        {
            sb.Append("deny contains msg if {\n\tinput.action.kind == \"exec\"\n\tsome cmd in input.action.commands\n\tcmd.name == \"tool")
              .Append(i).Append("\"\n\tmsg := sprintf(\"tool").Append(i).Append(" is denied for %s\", [input.agent.role])\n}\n\n");
        }

        return sb.ToString();
    }
}
