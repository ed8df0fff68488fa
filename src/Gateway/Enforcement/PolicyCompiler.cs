using AgentGate.Policy;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Turns a <see cref="PolicySource"/> into an activated snapshot: JSON files are placed in <c>data</c>
/// at their directory path as OPA's loader does (<c>data/roles.json</c> → <c>data.data</c>), every
/// module is compiled, and every <c>test_*</c> rule must be true before the bundle may decide anything.
/// </summary>
internal static class PolicyCompiler
{
    public static PolicyActivation Compile(PolicySource source, PolicyOptions options, bool runTests, TimeProvider time)
    {
        var errors = new List<string>();
        var modules = new List<KeyValuePair<string, string>>();
        Value data = ObjectValue.Empty;
        foreach (var (path, content) in source.Files)
        {
            if (path.EndsWith(".rego", StringComparison.Ordinal))
            {
                modules.Add(new(path, content));
                continue;
            }

            try
            {
                data = DataMerge.MergeAt(data, DirectorySegments(path), ValueJson.Parse(content), path);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                errors.Add($"{path}: {ex.Message}");
            }
        }

        if (modules.Count == 0)
        {
            errors.Add($"{source.Origin}: the bundle has no .rego modules");
        }

        if (errors.Count > 0)
        {
            return new PolicyActivation(null, source.Revision, errors);
        }

        var compiled = PolicyBundle.Compile(modules, data, options);
        if (!compiled.Success)
        {
            return new PolicyActivation(null, source.Revision, compiled.Errors.Select(e => e.ToString()).ToList());
        }

        var passed = runTests ? RunTests(compiled.Bundle!, errors) : 0;
        return errors.Count > 0
            ? new PolicyActivation(null, source.Revision, errors)
            : new PolicyActivation(new PolicySnapshot(compiled.Bundle!, source.Revision, source.Origin, modules.Count, passed, time.GetUtcNow()), source.Revision, []);
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

    private static string[] DirectorySegments(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? [] : relativePath[..slash].Split('/');
    }
}
