using System.Text.Json;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class ConformanceDirectCallTests
{
    private const string NoCorpus = "(no conformance corpus)";

    private static readonly BuiltinContext Context = new(DateTimeOffset.UnixEpoch);

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
        if (!Directory.Exists(ConformanceDirectCalls.Root))
        {
            return;
        }

        Assert.True(ConformanceDirectCalls.Load().Count() > 100);
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
        Assert.True(BuiltinTable.Default.TryGet(c.Builtin, out var def));
        var raw = c.Raw;
        var strict = raw.TryGetProperty("strict_error", out var s) && s.GetBoolean();
        Value? result;
        var args = c.Kind == "compare" ? c.Args[..^1] : c.Args;
        try
        {
            result = def.Function(Context, args);
        }
        catch (BuiltinException ex)
        {
            if (raw.TryGetProperty("want_error_code", out var code))
            {
                Assert.Equal(code.GetString(), ex.Code);
            }

            if (raw.TryGetProperty("want_error", out var text))
            {
                var want = text.GetString()!;
                var colon = want.IndexOf(ex.Code + ": ", StringComparison.Ordinal);
                Assert.Contains(colon >= 0 ? want[(colon + ex.Code.Length + 2)..] : want, ex.Message, StringComparison.Ordinal);
            }

            if (raw.TryGetProperty("want_error_code", out _) || raw.TryGetProperty("want_error", out _))
            {
                Assert.True(strict);
                return;
            }

            Assert.False(strict, $"{id}: unexpected error {ex.Message}");
            result = null;
        }

        Assert.False(raw.TryGetProperty("want_error", out _) || raw.TryGetProperty("want_error_code", out _), $"{id}: expected an error, got {result}");
        var wantRows = raw.GetProperty("want_result");
        Value? expected = wantRows.GetArrayLength() == 0 ? null : ValueJson.FromJsonElement(wantRows[0].GetProperty("x"));
        switch (c.Kind)
        {
            case "value":
                AssertSame(id, expected, result);
                break;
            case "set":
                var got = result is null ? ArrayValue.Empty : ArrayValue.From(result);
                AssertSame(id, expected, got);
                break;
            case "truthy":
                AssertSame(id, expected, result is BooleanValue { Value: false } || result is null ? null : BooleanValue.True);
                break;
            default:
                AssertSame(id, expected, result is not null && result.Equals(c.Args[^1]) ? BooleanValue.True : null);
                break;
        }
    }

    private static void AssertSame(string id, Value? expected, Value? actual)
    {
        var e = expected is null ? "undefined" : ValueJson.Serialize(expected);
        var a = actual is null ? "undefined" : ValueJson.Serialize(actual);
        if (expected is not null && actual is not null && ValueJson.Parse(e).Equals(ValueJson.Parse(a)))
        {
            return;
        }

        Assert.Equal(e, a);
        _ = id;
    }
}
