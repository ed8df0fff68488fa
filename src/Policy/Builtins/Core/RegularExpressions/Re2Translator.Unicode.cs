namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

internal sealed partial class Re2Translator
{
    private string UnicodeClass(char p)
    {
        string name;
        if (_i < _p.Length && _p[_i] == '{')
        {
            var close = _p.IndexOf('}', _i);
            if (close < 0)
            {
                throw Error("invalid character class range", _p[(_i - 2)..]);
            }

            name = _p[(_i + 1)..close];
            _i = close + 1;
        }
        else if (_i < _p.Length)
        {
            name = _p[_i].ToString();
            _i++;
        }
        else
        {
            throw Error("invalid character class range", "\\" + p);
        }

        var negate = p == 'P';
        if (name.StartsWith('^'))
        {
            negate = !negate;
            name = name[1..];
        }

        if (name == "Any")
        {
            return negate ? "[^\\s\\S]" : "[\\s\\S]";
        }

        if (Scripts.TryGetValue(name, out var block))
        {
            // .NET has Unicode blocks, not scripts; the script's main block is the closest equivalent.
            name = block;
        }
        else if (!GeneralCategories.Contains(name))
        {
            throw Error("invalid character class range", $"\\{p}{{{name}}}");
        }

        return $"\\{(negate ? 'P' : 'p')}{{{name}}}";
    }

    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        ["Greek"] = "IsGreek",
        ["Cyrillic"] = "IsCyrillic",
        ["Arabic"] = "IsArabic",
        ["Hebrew"] = "IsHebrew",
        ["Han"] = "IsCJKUnifiedIdeographs",
        ["Hiragana"] = "IsHiragana",
        ["Katakana"] = "IsKatakana",
        ["Hangul"] = "IsHangulSyllables",
        ["Thai"] = "IsThai",
        ["Devanagari"] = "IsDevanagari",
        ["Armenian"] = "IsArmenian",
        ["Georgian"] = "IsGeorgian",
    };

    private static readonly HashSet<string> GeneralCategories =
    [
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
        "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co",
    ];
}
