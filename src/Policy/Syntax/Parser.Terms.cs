using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

internal sealed partial class Parser
{
    private static (int Prec, string Name)? InfixOp(Token t)
    {
        if (t.Kind == TokenKind.Ident)
        {
            return t.Text == "in" ? (PrecIn, "internal.member_2") : null;
        }

        if (t.Kind != TokenKind.Punct)
        {
            return null;
        }

        return t.Text switch
        {
            ":=" => (PrecAssign, "assign"),
            "=" => (PrecAssign, "eq"),
            "==" => (PrecRel, "equal"),
            "!=" => (PrecRel, "neq"),
            "<" => (PrecRel, "lt"),
            "<=" => (PrecRel, "lte"),
            ">" => (PrecRel, "gt"),
            ">=" => (PrecRel, "gte"),
            "|" => (PrecOr, "or"),
            "&" => (PrecAnd, "and"),
            "+" => (6, "plus"),
            "-" => (6, "minus"),
            "*" => (7, "mul"),
            "/" => (7, "div"),
            "%" => (7, "rem"),
            _ => null,
        };
    }

    private Term ParseInfix(int minPrec) => ParseInfixRest(ParseUnary(), minPrec);

    private Term ParseInfixRest(Term left, int minPrec)
    {
        while (true)
        {
            var op = InfixOp(Cur);
            if (op is null || op.Value.Prec < minPrec || (Cur.NewlineBefore && _nl.Peek()))
            {
                return left;
            }

            _i++;
            var right = ParseInfix(op.Value.Prec == PrecAssign ? PrecIn : op.Value.Prec + 1);
            left = new CallTerm(left.Loc, op.Value.Name, [left, right]);
            if (op.Value.Prec == PrecAssign)
            {
                return left;
            }
        }
    }

    private Term ParseUnary()
    {
        if (Cur.Is("-"))
        {
            var t = Cur;
            _i++;
            if (Cur.Kind == TokenKind.Number && !Cur.SpaceBefore)
            {
                var n = ParseNumber(Cur);
                _i++;
                return ParsePostfix(new ScalarTerm(L(t), NumberValue.Negate(n)));
            }

            var operand = ParseUnary();
            return new CallTerm(L(t), "minus", [new ScalarTerm(L(t), NumberValue.Zero), operand]);
        }

        return ParsePostfix(ParsePrimary());
    }

    private static bool IsKeyword(string s) => s is "true" or "false" or "null" or "not" or "some" or "every" or "with" or "else" or "if" or "contains" or "in" or "as" or "default" or "import" or "package" or "set";

    /// <summary>True when the current keyword token is really the head of a reference such as <c>not.foo</c>.</summary>
    private bool KeywordIsRef() => Peek().Is(".") && !Peek().SpaceBefore;

    private NumberValue ParseNumber(Token t) =>
        NumberValue.TryParse(t.Text, out var n) ? n : throw Err(t, $"invalid number {t.Text}");

    private Term ParsePrimaryRef() => ParsePostfix(ParsePrimary());

    private Term ParsePrimary()
    {
        var t = Cur;
        var loc = L(t);
        switch (t.Kind)
        {
            case TokenKind.Number:
                _i++;
                return new ScalarTerm(loc, ParseNumber(t));
            case TokenKind.String:
                _i++;
                return new ScalarTerm(loc, StringValue.From(t.Text));
            case TokenKind.Template:
                _i++;
                return ParseTemplate(t);
            case TokenKind.Ident:
                _i++;
                if (IsKeyword(t.Text) && ((Cur.Is(".") && !Cur.SpaceBefore && Peek().Kind == TokenKind.Ident) || (t.Text == "contains" && Cur.Is("(") && !Cur.SpaceBefore)))
                {
                    return new VarTerm(loc, t.Text);
                }

                switch (t.Text)
                {
                    case "true":
                        return new ScalarTerm(loc, BooleanValue.True);
                    case "false":
                        return new ScalarTerm(loc, BooleanValue.False);
                    case "null":
                        return new ScalarTerm(loc, NullValue.Instance);
                    case "_":
                        return new VarTerm(loc, NewWildcard());
                    case "set" when Cur.Is("(") && Peek().Is(")"):
                        _i += 2;
                        return new SetTerm(loc, []);
                    case "not" or "some" or "every" or "with" or "else" or "if" or "contains" or "in" or "as" or "default" or "import" or "package":
                        _i--;
                        throw Unexpected();
                    default:
                        return new VarTerm(loc, t.Text);
                }

            case TokenKind.Punct:
                switch (t.Text)
                {
                    case "(":
                    {
                        _i++;
                        _nl.Push(false);
                        var inner = ParseInfix(PrecAssign);
                        if (Cur.Is(","))
                        {
                            _i++;
                            var v = ParseInfix(PrecRel);
                            Expect("in");
                            inner = ParseInfixRest(new CallTerm(inner.Loc, "internal.member_3", [inner, v, ParseInfix(PrecRel)]), PrecIn);
                        }

                        _nl.Pop();
                        Expect(")");
                        return inner;
                    }

                    case "[":
                        _i++;
                        return ParseArray(loc);
                    case "{":
                        _i++;
                        return ParseBrace(loc);
                }

                break;
        }

        throw Unexpected();
    }

    private Term ParsePostfix(Term term)
    {
        var path = new List<Term>();
        var head = term;
        while (true)
        {
            if (Cur.Is(".") && !Cur.SpaceBefore && Peek().Kind == TokenKind.Ident && !Peek().SpaceBefore)
            {
                _i++;
                path.Add(new ScalarTerm(L(Cur), StringValue.From(Cur.Text)));
                _i++;
            }
            else if (Cur.Is("[") && !Cur.SpaceBefore)
            {
                _i++;
                _nl.Push(false);
                path.Add(ParseInfix(PrecAssign));
                _nl.Pop();
                Expect("]");
            }
            else if (Cur.Is("(") && !Cur.SpaceBefore && CallName(head, path) is { } name)
            {
                _i++;
                _nl.Push(false);
                var args = new List<Term>();
                while (!Cur.Is(")"))
                {
                    args.Add(ParseInfix(PrecIn));
                    if (!Accept(","))
                    {
                        break;
                    }
                }

                _nl.Pop();
                Expect(")");
                head = new CallTerm(term.Loc, name, [.. args]);
                path.Clear();
            }
            else
            {
                break;
            }
        }

        return path.Count == 0 ? head : new RefTerm(term.Loc, head, [.. path]);
    }

    private static string? CallName(Term head, List<Term> path)
    {
        if (head is not VarTerm v)
        {
            return null;
        }

        var sb = new StringBuilder(v.Name);
        foreach (var p in path)
        {
            if (p is not ScalarTerm { Value: StringValue s })
            {
                return null;
            }

            sb.Append('.').Append(s.Value);
        }

        return sb.ToString();
    }

    private Term ParseArray(Loc loc)
    {
        _nl.Push(false);
        if (Accept("]"))
        {
            _nl.Pop();
            return new ArrayTerm(loc, []);
        }

        var first = ParseInfix(PrecAnd);
        if (Accept("|"))
        {
            var body = ParseComprehensionBody("]");
            _nl.Pop();
            return new ComprehensionTerm(loc, ComprehensionKind.Array, null, first, body);
        }

        var items = new List<Term> { ParseInfixRest(first, PrecIn) };
        while (Accept(","))
        {
            if (Cur.Is("]"))
            {
                break;
            }

            items.Add(ParseInfix(PrecIn));
        }

        _nl.Pop();
        Expect("]");
        return new ArrayTerm(loc, [.. items]);
    }

    private Term ParseBrace(Loc loc)
    {
        _nl.Push(false);
        if (Accept("}"))
        {
            _nl.Pop();
            return new ObjectTerm(loc, []);
        }

        var first = ParseInfix(PrecAnd);
        if (Accept("|"))
        {
            var body = ParseComprehensionBody("}");
            _nl.Pop();
            return new ComprehensionTerm(loc, ComprehensionKind.Set, null, first, body);
        }

        if (Accept(":"))
        {
            var value = ParseInfix(PrecAnd);
            if (Accept("|"))
            {
                var body = ParseComprehensionBody("}");
                _nl.Pop();
                return new ComprehensionTerm(loc, ComprehensionKind.Object, first, value, body);
            }

            var pairs = new List<(Term, Term)> { (first, ParseInfixRest(value, PrecIn)) };
            while (Accept(","))
            {
                if (Cur.Is("}"))
                {
                    break;
                }

                var k = ParseInfix(PrecIn);
                Expect(":");
                pairs.Add((k, ParseInfix(PrecIn)));
            }

            _nl.Pop();
            Expect("}");
            return new ObjectTerm(loc, [.. pairs]);
        }

        var items = new List<Term> { ParseInfixRest(first, PrecIn) };
        while (Accept(","))
        {
            if (Cur.Is("}"))
            {
                break;
            }

            items.Add(ParseInfix(PrecIn));
        }

        _nl.Pop();
        Expect("}");
        return new SetTerm(loc, [.. items]);
    }

    private TemplateTerm ParseTemplate(Token t)
    {
        var parts = new List<object>();
        var sb = new StringBuilder();
        var s = t.Text;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length && s[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
            }
            else if (c == '\\' && !t.Raw && i + 1 < s.Length)
            {
                var unescaped = new Lexer(_file, "\"" + s.Substring(i, s[i + 1] == 'u' ? Math.Min(6, s.Length - i) : 2) + "\"").Tokenize()[0].Text;
                sb.Append(unescaped);
                i += s[i + 1] == 'u' ? 6 : 2;
            }
            else if (c == '{')
            {
                var end = FindClose(s, i);
                if (sb.Length > 0)
                {
                    parts.Add(sb.ToString());
                    sb.Clear();
                }

                var expr = s.Substring(i + 1, end - i - 1);
                parts.Add(new Parser(_file, expr, t.Line, t.Column).TemplatePart());
                i = end + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        if (sb.Length > 0)
        {
            parts.Add(sb.ToString());
        }

        return new TemplateTerm(L(t), [.. parts]);
    }

    private int FindClose(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '"' or '`')
            {
                i++;
                while (i < s.Length && s[i] != c)
                {
                    if (c == '"' && s[i] == '\\')
                    {
                        i++;
                    }

                    i++;
                }
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return i;
            }
        }

        throw new ParseException(_file, 0, 0, "unterminated template expression");
    }
}
