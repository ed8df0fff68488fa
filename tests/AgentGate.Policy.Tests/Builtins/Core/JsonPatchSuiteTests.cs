using System.Text.Json;
using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>Runs the json-patch-tests suite embedded in OPA's jsonpatch conformance case directly against json.patch.</summary>
public sealed partial class JsonPatchSuiteTests
{
    private static readonly StringValue Expected = StringValue.From("expected");
    private static readonly StringValue Error = StringValue.From("error");
    private static readonly StringValue Disabled = StringValue.From("opa_disabled");

    [GeneratedRegex(@",(\s*[\]}])")]
    private static partial Regex TrailingComma();

    [GeneratedRegex(@"(?m)^\s*#.*$")]
    private static partial Regex Comment();

    [Fact]
    public void Patch_JsonPatchTestSuite_MatchesExpectations()
    {
        var file = Path.Combine(ConformanceDirectCalls.Root, "jsonpatch", "json-patch-tests.json");
        if (!File.Exists(file))
        {
            return;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var modules = doc.RootElement.GetProperty("cases")[0].GetProperty("modules").EnumerateArray().Skip(1).ToList();
        var checkedCases = 0;
        var failures = new List<string>();
        foreach (var module in modules)
        {
            var text = module.GetString()!;
            var body = text[(text.IndexOf("cases :=", StringComparison.Ordinal) + 8)..];
            var cases = (ArrayValue)TermText.Parse(TrailingComma().Replace(Comment().Replace(body, string.Empty), "$1"));
            foreach (var c in cases.Items.Cast<ObjectValue>())
            {
                if (c.Get(Disabled) is BooleanValue { Value: true })
                {
                    continue;
                }

                var docValue = c.Get(StringValue.From("doc"))!;
                var patch = c.Get(StringValue.From("patch"))!;
                var result = Builtin.CallValues("json.patch", docValue, patch);
                checkedCases++;
                if (c.Get(Error) is not null && c.Get(Expected) is null)
                {
                    if (result is not null)
                    {
                        failures.Add($"expected failure: {c}");
                    }
                }
                else if (c.Get(Expected) is { } want ? !want.Equals(result) : result is null)
                {
                    failures.Add($"{c} => {result}");
                }
            }
        }

        Assert.True(checkedCases > 90, $"only {checkedCases} cases");
        Assert.Empty(failures);
    }
}
