using System.Diagnostics;
using System.Text;

namespace AgentGate.Policy.Tooling;

/// <summary>
/// <c>opa test</c> as a library: every rule named <c>test_*</c> in the loaded modules is evaluated; a test
/// passes when it is defined and not false. Exit code 0 when all pass, 1 on a failure, 2 on load/compile errors.
/// </summary>
public sealed class PolicyTestRunner
{
    public PolicyOptions Options { get; init; } = PolicyOptions.Default;

    public ToolResult Run(IEnumerable<string> paths, bool verbose = false, CancellationToken cancellationToken = default)
    {
        var sources = PolicySources.Load(paths);
        if (sources.Errors.Count > 0)
        {
            return new ToolResult(2, string.Join(Environment.NewLine, sources.Errors) + Environment.NewLine);
        }

        var compiled = PolicyBundle.Compile(sources.Modules, sources.Data, Options);
        if (!compiled.Success)
        {
            return new ToolResult(2, string.Join(Environment.NewLine, compiled.Errors.Select(e => e.Message)) + Environment.NewLine);
        }

        var bundle = compiled.Bundle!;
        var sb = new StringBuilder();
        int pass = 0, fail = 0, error = 0;
        foreach (var path in bundle.RulePaths())
        {
            if (!path[(path.LastIndexOf('.') + 1)..].StartsWith("test_", StringComparison.Ordinal))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            var (value, err) = bundle.EvaluateRule(path, null, cancellationToken);
            sw.Stop();
            string status;
            if (err is not null)
            {
                error++;
                status = "ERROR: " + err.Message;
            }
            else if (value is null || value is Values.BooleanValue { Value: false })
            {
                fail++;
                status = "FAIL";
            }
            else
            {
                pass++;
                status = "PASS";
            }

            if (verbose || status != "PASS")
            {
                sb.AppendLine($"{path}: {status} ({sw.Elapsed.TotalMilliseconds:0.###}ms)");
            }
        }

        var total = pass + fail + error;
        sb.AppendLine(new string('-', 80));
        if (pass > 0)
        {
            sb.AppendLine($"PASS: {pass}/{total}");
        }

        if (fail > 0)
        {
            sb.AppendLine($"FAIL: {fail}/{total}");
        }

        if (error > 0)
        {
            sb.AppendLine($"ERROR: {error}/{total}");
        }

        if (total == 0)
        {
            sb.AppendLine("no tests found");
        }

        return new ToolResult(fail + error > 0 ? 1 : 0, sb.ToString());
    }
}
