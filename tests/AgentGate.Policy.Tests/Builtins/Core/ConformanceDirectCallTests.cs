using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class ConformanceDirectCallTests
{
    private const string NoCorpus = "(no conformance corpus)";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ConformanceDirectCalls.Load())
        {
            data.Add(c.Id);
        }

        if (data.Count == 0)
        {
            // The conformance corpus lives outside the repository; without it there is nothing to compare against.
            data.Add(NoCorpus);
        }

        return data;
    }

    [Fact]
    public void Load_ConformanceFolder_FindsDirectCallCases()
    {
        if (Directory.Exists(ConformanceDirectCalls.Root))
        {
            Assert.True(ConformanceDirectCalls.Load().Count() > 100);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_DirectCall_MatchesOpa(string id)
    {
        if (id == NoCorpus)
        {
            return;
        }

        var c = ConformanceDirectCalls.Load().Single(x => x.Id == id);
        var raw = c.Raw;
        var strict = raw.TryGetProperty("strict_error", out var s) && s.GetBoolean();
        var wantsError = raw.TryGetProperty("want_error_code", out var code) | raw.TryGetProperty("want_error", out var text);
        if (wantsError)
        {
            var ex = Assert.Throws<BuiltinException>(() => c.Rule(strict: true));
            if (code.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                Assert.Equal(code.GetString(), ex.Code);
            }

            if (text.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                var want = text.GetString()!;
                var at = want.IndexOf(ex.Code + ": ", StringComparison.Ordinal);
                Assert.Contains(at >= 0 ? want[(at + ex.Code.Length + 2)..] : want, ex.Message, StringComparison.Ordinal);
            }

            return;
        }

        var result = c.Rule(strict);
        var rows = raw.GetProperty("want_result");
        var expected = rows.GetArrayLength() == 0 ? null : ValueJson.FromJsonElement(rows[0].GetProperty("x"));
        var e = expected is null ? "undefined" : ValueJson.Serialize(expected);
        var a = result is null ? "undefined" : ValueJson.Serialize(result);
        if (expected is not null && result is not null && ValueJson.Parse(e).Equals(ValueJson.Parse(a)))
        {
            return;
        }

        Assert.Equal(e, a);
    }
}
