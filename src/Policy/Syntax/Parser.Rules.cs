using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

internal sealed partial class Parser
{
    private void ParseRule(Module m)
    {
        var start = Cur;
        var isDefault = false;
        if (Cur.Is("default") && Peek().Kind == TokenKind.Ident && !Peek().NewlineBefore)
        {
            isDefault = true;
            _i++;
        }

        if (Cur.Kind != TokenKind.Ident)
        {
            throw Unexpected();
        }

        var head = new List<Term> { new VarTerm(L(Cur), Cur.Text) };
        _i++;
        while (true)
        {
            if (Cur.Is(".") && Peek().Kind == TokenKind.Ident)
            {
                _i++;
                head.Add(new ScalarTerm(L(Cur), StringValue.From(Cur.Text)));
                _i++;
            }
            else if (Cur.Is("[") && !Cur.NewlineBefore)
            {
                _i++;
                _nl.Push(false);
                head.Add(ParseInfix(PrecIn));
                _nl.Pop();
                Expect("]");
            }
            else
            {
                break;
            }
        }

        var rule = new Rule { Loc = L(start), Module = m, IsDefault = isDefault, Head = [.. head] };
        if (Cur.Is("(") && !Cur.SpaceBefore)
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
            rule.Args = [.. args];
            rule.Kind = RuleKind.Function;
        }

        if (Cur.Is("contains") && !Cur.NewlineBefore)
        {
            _i++;
            rule.Kind = RuleKind.Contains;
            rule.Key = ParseInfix(PrecIn);
        }
        else if (Cur.Is(":=") || Cur.Is("="))
        {
            rule.Assign = Cur.Is(":=");
            _i++;
            rule.Value = ParseInfix(PrecIn);
        }

        rule.Body = ParseRuleBody(isDefault);
        m.Rules.Add(rule);
        var prev = rule;
        while (Cur.Is("else") && !KeywordIsRef())
        {
            var et = Cur;
            _i++;
            var er = new Rule { Loc = L(et), Module = m, Head = rule.Head, Args = rule.Args, Kind = rule.Kind };
            if (Cur.Is(":=") || Cur.Is("="))
            {
                _i++;
                er.Value = ParseInfix(PrecIn);
            }

            er.Body = ParseRuleBody(false);
            prev.Else = er;
            prev = er;
        }
    }

    private Expr[] ParseRuleBody(bool isDefault)
    {
        if (!isDefault)
        {
            if (!(Cur.Is("if") && Cur.NewlineBefore && KeywordIsRef()) && Accept("if"))
            {
                if (Cur.Is("{"))
                {
                    var save = _i;
                    var depth = _nl.Count;
                    try
                    {
                        return ParseBraceBody();
                    }
                    catch (ParseException)
                    {
                        // Not a body: a single expression starting with an object/set term.
                        _i = save;
                        while (_nl.Count > depth)
                        {
                            _nl.Pop();
                        }
                    }
                }

                _nl.Push(true);
                var exprs = new List<Expr> { ParseExpr() };
                while (Cur.Is(";") && !Cur.NewlineBefore)
                {
                    _i++;
                    exprs.Add(ParseExpr());
                }

                _nl.Pop();
                return [.. exprs];
            }

            if (Cur.Is("{") && !Cur.NewlineBefore)
            {
                return ParseBraceBody();
            }
        }

        if (Cur.Kind != TokenKind.Eof && !Cur.NewlineBefore && !Cur.Is("else") && !Cur.Is(";"))
        {
            throw Unexpected();
        }

        return [];
    }

    private Expr[] ParseBraceBody()
    {
        Expect("{");
        _nl.Push(true);
        var body = new List<Expr>();
        while (!Cur.Is("}"))
        {
            if (Cur.Kind == TokenKind.Eof)
            {
                throw Err(Cur, "unexpected eof token: expected }");
            }

            body.Add(ParseExpr());
            if (!Accept(";") && !Cur.Is("}") && !Cur.NewlineBefore)
            {
                throw Unexpected();
            }
        }

        _nl.Pop();
        Expect("}");
        if (body.Count == 0)
        {
            throw Err(Cur, "found empty body");
        }

        return [.. body];
    }

    /// <summary>Parses a comprehension body, ended by the closing bracket.</summary>
    private Expr[] ParseComprehensionBody(string close)
    {
        _nl.Push(true);
        var body = new List<Expr>();
        while (!Cur.Is(close))
        {
            if (Cur.Kind == TokenKind.Eof)
            {
                throw Err(Cur, $"unexpected eof token: expected {close}");
            }

            body.Add(ParseExpr());
            if (!Accept(";") && !Cur.Is(close) && !Cur.NewlineBefore)
            {
                throw Unexpected();
            }
        }

        _nl.Pop();
        Expect(close);
        return [.. body];
    }

    private Expr ParseExpr()
    {
        var start = Cur;
        Expr e;
        if (Cur.Is("not") && !Peek().NewlineBefore && !KeywordIsRef())
        {
            _i++;
            var inner = ParseExpr();
            e = new Expr { Loc = L(start), Negated = true, Inner = inner };
            return e;
        }

        if (Cur.Is("some") && !KeywordIsRef() && !Peek().NewlineBefore)
        {
            _i++;
            var terms = new List<Term> { ParseInfix(PrecRel) };
            while (Accept(","))
            {
                terms.Add(ParseInfix(PrecRel));
            }

            if (Accept("in"))
            {
                if (terms.Count > 2)
                {
                    throw Err(start, "unexpected , token");
                }

                var domain = ParseInfix(PrecRel);
                e = new Expr
                {
                    Loc = L(start),
                    Kind = ExprKind.SomeIn,
                    Key = terms.Count == 2 ? terms[0] : null,
                    Value = terms[^1],
                    Domain = domain,
                };
            }
            else
            {
                foreach (var t in terms)
                {
                    if (t is not VarTerm)
                    {
                        throw Err(start, "expected var in some declaration");
                    }
                }

                e = new Expr { Loc = L(start), Kind = ExprKind.SomeDecl, Vars = [.. terms] };
            }
        }
        else if (Cur.Is("every") && !KeywordIsRef())
        {
            _i++;
            var first = ParseInfix(PrecRel);
            Term? key = null;
            if (Accept(","))
            {
                key = first;
                first = ParseInfix(PrecRel);
            }

            Expect("in");
            var domain = ParseInfix(PrecRel);
            var body = ParseBraceBody();
            e = new Expr { Loc = L(start), Kind = ExprKind.Every, Key = key, Value = first, Domain = domain, Body = body };
        }
        else
        {
            var t = ParseInfix(PrecAssign);
            if (Cur.Is(",") && !Cur.NewlineBefore && _nl.Peek())
            {
                _i++;
                var v = ParseInfix(PrecRel);
                Expect("in");
                var domain = ParseInfix(PrecRel);
                t = ParseInfixRest(new CallTerm(t.Loc, "internal.member_3", [t, v, domain]), PrecIn);
            }

            e = new Expr { Loc = L(start), Term = t };
        }

        var withs = new List<WithModifier>();
        while (Cur.Is("with") && !KeywordIsRef())
        {
            _i++;
            _nl.Push(false);
            var target = ParsePrimaryRef();
            _nl.Pop();
            Expect("as");
            var value = ParseInfix(PrecIn);
            withs.Add(new WithModifier(target, value));
        }

        e.Withs = [.. withs];
        return e;
    }
}
