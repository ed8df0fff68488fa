using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>semver.is_valid and semver.compare (Semantic Versioning 2.0.0, no leading "v").</summary>
[BuiltinGroup]
internal static partial class SemverBuiltins
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemverPattern();

    internal static void Register(BuiltinTable t)
    {
        t.Add("semver.is_valid", 1, (_, a) =>
            BooleanValue.From(a[0] is StringValue s && SemverPattern().IsMatch(s.Value)));
        t.Add("semver.compare", 2, (_, a) =>
        {
            var x = Parse(BuiltinArgs.String("semver.compare", a, 0), 1);
            var y = Parse(BuiltinArgs.String("semver.compare", a, 1), 2);
            return NumberValue.From(Compare(x, y));
        });
    }

    private static Match Parse(string text, int operand)
    {
        var m = SemverPattern().Match(text);
        return m.Success ? m : throw BuiltinException.Error("semver.compare", $"operand {operand}: string {text} is not a valid SemVer");
    }

    private static int Compare(Match x, Match y)
    {
        for (var i = 1; i <= 3; i++)
        {
            var c = CompareNumeric(x.Groups[i].Value, y.Groups[i].Value);
            if (c != 0)
            {
                return c;
            }
        }

        var px = x.Groups[4].Success ? x.Groups[4].Value.Split('.') : [];
        var py = y.Groups[4].Success ? y.Groups[4].Value.Split('.') : [];
        if (px.Length == 0 || py.Length == 0)
        {
            return px.Length == py.Length ? 0 : px.Length == 0 ? 1 : -1;
        }

        for (var i = 0; i < Math.Min(px.Length, py.Length); i++)
        {
            var nx = px[i].All(char.IsAsciiDigit);
            var ny = py[i].All(char.IsAsciiDigit);
            var c = nx && ny ? CompareNumeric(px[i], py[i])
                : nx ? -1 : ny ? 1 : Math.Sign(string.CompareOrdinal(px[i], py[i]));
            if (c != 0)
            {
                return c;
            }
        }

        return px.Length.CompareTo(py.Length);
    }

    private static int CompareNumeric(string a, string b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
}
