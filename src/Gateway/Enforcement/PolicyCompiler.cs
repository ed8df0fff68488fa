using AgentGate.Policy;
using AgentGate.Policy.Tooling;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Turns a <see cref="PolicySource"/> into an activated snapshot: files are loaded as
/// <c>agentgate policy test</c> loads a directory (JSON at its directory path, as OPA's loader does:
/// <c>data/roles.json</c> → <c>data.data</c>), every module is compiled, and every <c>test_*</c> rule
/// must pass before the bundle may decide anything.
/// </summary>
internal static class PolicyCompiler
{
    public static PolicyActivation Compile(PolicySource source, PolicyOptions options, bool runTests, TimeProvider time)
    {
        var sources = PolicySources.FromFiles(source.Files);
        var errors = new List<string>(sources.Errors);
        if (sources.Modules.Count == 0)
        {
            errors.Add($"{source.Origin}: the bundle has no .rego modules");
        }

        if (errors.Count > 0)
        {
            return new PolicyActivation(null, source.Revision, errors);
        }

        var compiled = PolicyBundle.Compile(sources.Modules, sources.Data, options);
        if (!compiled.Success)
        {
            return new PolicyActivation(null, source.Revision, compiled.Errors.Select(e => e.ToString()).ToList());
        }

        var passed = runTests ? RunTests(compiled.Bundle!, errors) : 0;
        return errors.Count > 0
            ? new PolicyActivation(null, source.Revision, errors)
            : new PolicyActivation(new PolicySnapshot(compiled.Bundle!, source.Revision, source.Origin, sources.Modules.Count, passed, time.GetUtcNow()), source.Revision, []);
    }

    private static int RunTests(PolicyBundle bundle, List<string> errors)
    {
        var passed = 0;
        foreach (var path in bundle.RulePaths())
        {
            if (!path[(path.LastIndexOf('.') + 1)..].StartsWith("test_", StringComparison.Ordinal))
            {
                continue;
            }

            var (value, error) = bundle.EvaluateRule(path, null);
            if (error is not null)
            {
                errors.Add($"{path} failed: {error}");
            }
            else if (value is null or BooleanValue { Value: false })
            {
                errors.Add($"{path} failed");
            }
            else
            {
                passed++;
            }
        }

        return passed;
    }
}
