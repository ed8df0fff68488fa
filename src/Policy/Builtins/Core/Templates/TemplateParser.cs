namespace AgentGate.Policy.Builtins.Core.Templates;

/// <summary>
/// Parses the subset of Go's text/template that <c>strings.render_template</c> policies use: text, <c>{{pipeline}}</c>,
/// <c>if/else if/else</c>, <c>range</c> (with <c>$i, $v :=</c>), <c>with</c>, comments and <c>{{-</c>/<c>-}}</c> trimming.
/// </summary>
internal static class TemplateParser
{
    public static List<TemplateNode> Parse(string text)
    {
        var tokens = Tokenize(text);
        var pos = 0;
        var nodes = ParseList(tokens, ref pos, out var stop);
        if (stop is not null)
        {
            throw new FormatException($"template: template:1: unexpected {{{{{stop}}}}}");
        }

        return nodes;
    }

    private static List<(bool Action, string Text)> Tokenize(string text)
    {
        var tokens = new List<(bool, string)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                tokens.Add((false, text[i..]));
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("template: template:1: unclosed action");
            }

            var literal = text[i..open];
            var inner = text[(open + 2)..close];
            if (inner.StartsWith("- ", StringComparison.Ordinal) || inner == "-")
            {
                literal = literal.TrimEnd();
                inner = inner[1..];
            }

            var trimAfter = inner.EndsWith(" -", StringComparison.Ordinal);
            if (trimAfter)
            {
                inner = inner[..^1];
            }

            tokens.Add((false, literal));
            inner = inner.Trim();
            if (!(inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add((true, inner));
            }

            i = close + 2;
            if (trimAfter)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
        }

        return tokens;
    }

    private static List<TemplateNode> ParseList(List<(bool Action, string Text)> tokens, ref int pos, out string? stop)
    {
        var nodes = new List<TemplateNode>();
        while (pos < tokens.Count)
        {
            var (action, text) = tokens[pos++];
            if (!action)
            {
                if (text.Length > 0)
                {
                    nodes.Add(new TemplateNode.Text(text));
                }

                continue;
            }

            var word = text.Split(' ', 2)[0];
            switch (word)
            {
                case "end" or "else":
                    stop = text;
                    return nodes;
                case "if" or "with" or "range":
                    nodes.Add(ParseBlock(word, text[word.Length..].Trim(), tokens, ref pos));
                    break;
                default:
                    nodes.Add(new TemplateNode.Output(text));
                    break;
            }
        }

        stop = null;
        return nodes;
    }

    private static TemplateNode ParseBlock(string kind, string pipeline, List<(bool Action, string Text)> tokens, ref int pos)
    {
        var body = ParseList(tokens, ref pos, out var stop);
        List<TemplateNode>? elseBody = null;
        if (stop is not null && stop.StartsWith("else", StringComparison.Ordinal))
        {
            var rest = stop[4..].Trim();
            if (rest.StartsWith("if ", StringComparison.Ordinal))
            {
                // "else if" nests a new if block that consumes the shared {{end}}.
                elseBody = [ParseBlock("if", rest[3..].Trim(), tokens, ref pos)];
                return new TemplateNode.Block(kind, pipeline, body, elseBody);
            }

            elseBody = ParseList(tokens, ref pos, out stop);
        }

        if (stop != "end")
        {
            throw new FormatException($"template: template:1: unexpected EOF in {kind}");
        }

        return new TemplateNode.Block(kind, pipeline, body, elseBody);
    }
}
