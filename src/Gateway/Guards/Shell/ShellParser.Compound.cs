namespace AgentGate.Gateway.Guards.Shell;

internal sealed partial class ShellParser
{
    /// <summary>Parses a compound command starting with <paramref name="keyword"/>; false when it is not one.</summary>
    private bool ParseCompound(string keyword)
    {
        switch (keyword)
        {
            case "{":
                Next();
                ParseList();
                Expect("}");
                return true;
            case "if":
                Next();
                ParseList();
                Expect("then");
                ParseList();
                while (Peek().IsKeyword("elif"))
                {
                    Next();
                    ParseList();
                    Expect("then");
                    ParseList();
                }

                if (Peek().IsKeyword("else"))
                {
                    Next();
                    ParseList();
                }

                Expect("fi");
                return true;
            case "while" or "until":
                Next();
                ParseList();
                ParseDoGroup();
                return true;
            case "for" or "select":
                Next();
                ParseFor();
                return true;
            case "case":
                Next();
                ParseCase();
                return true;
            case "function":
                Next();
                var name = Next();
                if (name.Kind != ShellTokenKind.Word)
                {
                    throw new ShellRefusalException("syntax error: 'function' without a name");
                }

                if (Peek().IsOp("("))
                {
                    Next();
                    ExpectOp(")");
                }

                FunctionBody(name.Word!.Text);
                return true;
            case "[[":
                Next();
                ParseConditional();
                return true;
            case "coproc":
                throw new ShellRefusalException("'coproc' is not supported");
            default:
                return false;
        }
    }

    private void ParseDoGroup()
    {
        SkipNewlines();
        Expect("do");
        ParseList();
        Expect("done");
    }

    private void ParseFor()
    {
        var t = Peek();
        if (t.IsOp("(") && t.Start + 1 < _s.Length && _s[t.Start + 1] == '(')
        {
            Next();
            _pos = t.Start + 2;
            Arithmetic(t.Start);
        }
        else
        {
            if (Next().Kind != ShellTokenKind.Word)
            {
                throw new ShellRefusalException("syntax error: 'for' without a variable name");
            }

            SkipNewlines();
            if (Peek().IsKeyword("in"))
            {
                Next();
                while (Peek().Kind == ShellTokenKind.Word)
                {
                    Next();
                }
            }
        }

        if (Peek().IsOp(";"))
        {
            Next();
        }

        ParseDoGroup();
    }

    private void ParseCase()
    {
        if (Next().Kind != ShellTokenKind.Word)
        {
            throw new ShellRefusalException("syntax error: 'case' without a word");
        }

        SkipNewlines();
        Expect("in");
        while (true)
        {
            SkipNewlines();
            if (Peek().IsKeyword("esac"))
            {
                Next();
                return;
            }

            if (Peek().IsOp("("))
            {
                Next();
            }

            while (true)
            {
                if (Next().Kind != ShellTokenKind.Word)
                {
                    throw new ShellRefusalException("syntax error in 'case' pattern");
                }

                var sep = Next();
                if (sep.IsOp(")"))
                {
                    break;
                }

                if (!sep.IsOp("|"))
                {
                    throw new ShellRefusalException("syntax error in 'case' pattern");
                }
            }

            ParseList();
            var end = Peek();
            if (end.IsOp(";;") || end.IsOp(";&") || end.IsOp(";;&"))
            {
                Next();
            }
            else if (!end.IsKeyword("esac"))
            {
                throw new ShellRefusalException("syntax error: unterminated 'case'");
            }
        }
    }

    private void ParseConditional()
    {
        _ctx.UsesArithmetic = true;
        var argv = new List<ShellWord>();
        while (true)
        {
            var t = Next();
            if (t.IsKeyword("]]"))
            {
                break;
            }

            switch (t.Kind)
            {
                case ShellTokenKind.Word:
                    argv.Add(t.Word!);
                    break;
                case ShellTokenKind.Newline:
                    break;
                case ShellTokenKind.Operator when t.Text is not (";" or ";;" or "&" or ";&" or ";;&"):
                    argv.Add(new ShellWord { Text = t.Text });
                    break;
                default:
                    throw new ShellRefusalException("syntax error: unterminated '[['");
            }
        }

        argv.Insert(0, new ShellWord { Text = "[[" });
        new CommandResolver(_ctx).Resolve(argv, [], [], _wrappers);
    }
}
