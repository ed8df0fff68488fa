namespace AgentGate.Gateway.Guards.Shell;

internal sealed partial class ShellParser
{
    private static bool IsRedirectOp(ShellToken t) =>
        t.Kind == ShellTokenKind.Operator && t.Text is "<" or ">" or ">>" or ">|" or "<>" or "<&" or ">&" or "&>" or "&>>" or "<<" or "<<-" or "<<<";

    private void ParseCommand()
    {
        _ctx.Enter();
        var first = _ctx.Commands.Count;
        var t = Peek();
        if (t.IsOp("(") && t.Start + 1 < _s.Length && _s[t.Start + 1] == '(')
        {
            Next();
            _pos = t.Start + 2;
            Arithmetic(t.Start);
            ParseCompoundRedirects(first);
        }
        else if (t.IsOp("("))
        {
            Next();
            ParseList();
            ExpectOp(")");
            ParseCompoundRedirects(first);
        }
        else if (t.Kind == ShellTokenKind.Word && !t.Word!.Quoted && !t.Word.Dynamic && ParseCompound(t.Word.Text))
        {
            ParseCompoundRedirects(first);
        }
        else
        {
            ParseSimple();
        }

        _ctx.Leave();
    }

    private void ParseCompoundRedirects(int firstCommand)
    {
        var redirects = new List<ShellRedirect>();
        while (IsRedirectOp(Peek()) || Peek().Kind == ShellTokenKind.IoNumber)
        {
            redirects.Add(ParseRedirect());
        }

        if (redirects.Count == 0)
        {
            return;
        }

        Peek();
        WithBodies(redirects);
        for (var i = firstCommand; i < _ctx.Commands.Count; i++)
        {
            var c = _ctx.Commands[i];
            _ctx.Commands[i] = c with { Redirects = [.. c.Redirects, .. redirects] };
        }
    }

    private void ParseSimple()
    {
        var words = new List<ShellWord>();
        var assignments = new List<ShellWord>();
        var redirects = new List<ShellRedirect>();
        while (true)
        {
            var t = Peek();
            if (t.Kind == ShellTokenKind.IoNumber || IsRedirectOp(t))
            {
                redirects.Add(ParseRedirect());
            }
            else if (t.Kind == ShellTokenKind.Word)
            {
                Next();
                if (words.Count == 0 && IsAssignment(t.Word!))
                {
                    assignments.Add(t.Word!);
                    continue;
                }

                words.Add(t.Word!);
                if (words.Count == 1 && TryFunctionDefinition(t.Word!))
                {
                    return;
                }
            }
            else
            {
                break;
            }
        }

        if (words.Count == 0 && assignments.Count == 0 && redirects.Count == 0)
        {
            throw new ShellRefusalException($"syntax error near '{Describe(Peek())}'");
        }

        new CommandResolver(_ctx).Resolve(words, assignments, WithBodies(redirects), _wrappers);
    }

    internal static bool IsAssignment(ShellWord w)
    {
        var eq = w.Text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && eq < w.LiteralPrefix && IsAssignmentName(w.Text[..eq]);
    }

    private ShellRedirect ParseRedirect()
    {
        int? fd = null;
        if (Peek().Kind == ShellTokenKind.IoNumber)
        {
            fd = int.Parse(Next().Text, System.Globalization.CultureInfo.InvariantCulture);
        }

        var op = Next();
        if (!IsRedirectOp(op))
        {
            throw new ShellRefusalException("syntax error: expected a redirection operator");
        }

        var target = Next();
        if (target.Kind != ShellTokenKind.Word)
        {
            throw new ShellRefusalException($"syntax error: redirection '{op.Text}' has no target");
        }

        var w = target.Word!;
        if (op.Text is "<<" or "<<-")
        {
            var key = _hereDocCounter++;
            RegisterHereDoc(w, op.Text == "<<-", key);
            return new ShellRedirect(fd ?? 0, op.Text, w.Text, false, HereDocKeyPrefix + key);
        }

        if (op.Text == "<<<")
        {
            return new ShellRedirect(fd ?? 0, op.Text, w.Text, !w.IsStatic, w.Text + "\n");
        }

        return new ShellRedirect(fd, op.Text, w.Text, !w.IsStatic, null);
    }

    /// <summary>Here-doc bodies are read at the next newline; fills in those read by now (unread ones stay null).</summary>
    private List<ShellRedirect> WithBodies(List<ShellRedirect> redirects)
    {
        for (var i = 0; i < redirects.Count; i++)
        {
            var r = redirects[i];
            if (r.HereDocBody is { } b && b.StartsWith(HereDocKeyPrefix, StringComparison.Ordinal))
            {
                var key = int.Parse(b.AsSpan(HereDocKeyPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
                redirects[i] = r with { HereDocBody = _hereDocBodies.TryGetValue(key, out var body) ? body : null };
            }
        }

        return redirects;
    }

    private bool TryFunctionDefinition(ShellWord name)
    {
        var p = _pos;
        while (p < _s.Length && _s[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= _s.Length || _s[p] != '(' || !name.IsStatic || name.Quoted)
        {
            return false;
        }

        p++;
        while (p < _s.Length && _s[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= _s.Length || _s[p] != ')')
        {
            return false;
        }

        _pos = p + 1;
        FunctionBody(name.Text);
        return true;
    }

    private void FunctionBody(string name)
    {
        if (_ctx.Options.RefuseFunctionDefinitions)
        {
            throw new ShellRefusalException($"function definitions are not allowed ('{name}')");
        }

        _ctx.AddDanger($"defines function '{name}'");
        SkipNewlines();
        ParseCommand();
    }
}
