namespace AgentGate.Gateway.Guards.Shell;

internal sealed partial class ShellParser
{
    private static readonly string[] Operators =
    [
        ";;&", "&>>", "<<<", "<<-", "&&", "||", ";;", ";&", "|&", "&>", "<<", ">>", ">|", ">&", "<&", "<>",
        ";", "&", "|", "(", ")", "<", ">",
    ];

    private ShellToken? _peek;
    private readonly List<(ShellWord Delimiter, bool StripTabs, int Index)> _pendingHereDocs = [];

    private ShellToken Peek() => _peek ??= Lex();

    private ShellToken Next()
    {
        var t = Peek();
        _peek = null;
        return t;
    }

    private static bool IsMeta(char c) => c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')';

    private ShellToken Lex()
    {
        while (true)
        {
            while (_pos < _s.Length && (_s[_pos] is ' ' or '\t' or '\r' || (_s[_pos] == '\\' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n')))
            {
                _pos += _s[_pos] == '\\' ? 2 : 1;
            }

            if (_pos >= _s.Length)
            {
                if (_pendingHereDocs.Count > 0)
                {
                    throw new ShellRefusalException("unterminated here-document");
                }

                return new ShellToken(ShellTokenKind.End, "", null, _pos);
            }

            if (_s[_pos] == '#')
            {
                while (_pos < _s.Length && _s[_pos] != '\n')
                {
                    _pos++;
                }

                continue;
            }

            break;
        }

        var start = _pos;
        var c = _s[_pos];
        if (c == '\n')
        {
            _pos++;
            ReadHereDocBodies();
            return new ShellToken(ShellTokenKind.Newline, "\n", null, start);
        }

        if ((c is '<' or '>') && _pos + 1 < _s.Length && _s[_pos + 1] == '(')
        {
            return new ShellToken(ShellTokenKind.Word, "", LexWord(), start);
        }

        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_s, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return new ShellToken(ShellTokenKind.Operator, op, null, start);
            }
        }

        if (char.IsAsciiDigit(c))
        {
            var end = _pos;
            while (end < _s.Length && char.IsAsciiDigit(_s[end]))
            {
                end++;
            }

            if (end < _s.Length && _s[end] is '<' or '>' && end - _pos < 6)
            {
                var text = _s[_pos..end];
                _pos = end;
                return new ShellToken(ShellTokenKind.IoNumber, text, null, start);
            }
        }

        return new ShellToken(ShellTokenKind.Word, "", LexWord(), start);
    }

    private void RegisterHereDoc(ShellWord delimiter, bool stripTabs, int redirectIndex) =>
        _pendingHereDocs.Add((delimiter, stripTabs, redirectIndex));

    private void ReadHereDocBodies()
    {
        foreach (var (delimiter, strip, index) in _pendingHereDocs)
        {
            var body = new System.Text.StringBuilder();
            var found = false;
            while (_pos < _s.Length)
            {
                var nl = _s.IndexOf('\n', _pos);
                var line = nl < 0 ? _s[_pos..] : _s[_pos..nl];
                _pos = nl < 0 ? _s.Length : nl + 1;
                if (strip)
                {
                    line = line.TrimStart('\t');
                }

                if (line == delimiter.Text)
                {
                    found = true;
                    break;
                }

                body.Append(line).Append('\n');
            }

            if (!found)
            {
                throw new ShellRefusalException($"unterminated here-document (no line '{delimiter.Text}')");
            }

            var text = body.ToString();
            if (!delimiter.Quoted)
            {
                // An unquoted delimiter means the body is expanded: substitutions in it run.
                var child = new ShellParser(text, _ctx, _wrappers);
                child.ScanHereDocBody();
            }

            _hereDocBodies[index] = text;
        }

        _pendingHereDocs.Clear();
    }
}
