using AgentGate.Policy.Builtins.Core.Yaml;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

/// <summary>
/// Finds <c># METADATA</c> comment blocks (the marker line, then YAML in the following comment lines) and
/// attaches each to the package or rule that follows it; malformed blocks are <c>rego_parse_error</c>s.
/// </summary>
internal static class MetadataBlocks
{
    public static void Attach(Module m, List<Comment> comments)
    {
        var i = 0;
        while (i < comments.Count)
        {
            var start = i++;
            while (i < comments.Count && comments[i].Line == comments[i - 1].Line + 1 && comments[i].Column == 1)
            {
                i++;
            }

            // As OPA: the block's lines start at column 1; a blank or code line ends it.
            if (comments[start].Column == 1 && comments[start].Text.Trim() == "METADATA")
            {
                AttachBlock(m, comments.GetRange(start, i - start));
            }
        }
    }

    private static void AttachBlock(Module m, List<Comment> block)
    {
        var head = block[0];
        var end = block[^1].Line;
        var onPackage = m.PackageLoc.Line > end;
        var rule = onPackage ? null : m.Rules.Where(r => r.Loc.Line > end).MinBy(r => r.Loc.Line);
        var loc = new Loc(m.File, head.Line, head.Column);
        if (!onPackage && rule is null)
        {
            return;
        }

        var yaml = string.Join('\n', block.Skip(1).Select(c => c.Text.StartsWith(' ') ? c.Text[1..] : c.Text));
        Value parsed;
        try
        {
            parsed = YamlReader.Parse(yaml);
        }
        catch (FormatException ex)
        {
            throw new ParseException(m.File, head.Line, head.Column, "invalid METADATA block: " + ex.Message);
        }

        var annotation = AnnotationReader.Read(parsed, onPackage, loc);
        if (onPackage)
        {
            m.Annotations.Add(annotation);
        }
        else
        {
            (rule!.Annotations ??= []).Add(annotation);
        }
    }
}
