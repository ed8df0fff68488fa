using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

/// <summary>Recursive-descent parser for Rego v1 modules and queries.</summary>
internal sealed partial class Parser
{
    private const int PrecAssign = 1;
    private const int PrecIn = 2;
    private const int PrecRel = 3;
    private const int PrecOr = 4;
    private const int PrecAnd = 5;

    private static int _wildcards;

    private readonly string _file;
    private readonly List<Token> _toks;
    private readonly List<Comment> _comments;
    private readonly Stack<bool> _nl = new();
    private int _i;

    public Parser(string file, string src, int line = 1, int col = 1)
    {
        _file = file;
        var lexer = new Lexer(file, src, line, col);
        _toks = lexer.Tokenize();
        _comments = lexer.Comments;
        _nl.Push(true);
    }

    private Token Cur => _toks[_i];

    private Token Peek(int n = 1) => _toks[Math.Min(_i + n, _toks.Count - 1)];

    private Loc L(Token t) => new(_file, t.Line, t.Column);

    private ParseException Err(Token t, string msg) => new(_file, t.Line, t.Column, msg);

    private ParseException Unexpected() =>
        Err(Cur, Cur.Kind == TokenKind.Eof ? "unexpected eof token" : $"unexpected {Cur.Text} token");

    private Token Expect(string p)
    {
        if (!Cur.Is(p))
        {
            throw Err(Cur, Cur.Kind == TokenKind.Eof ? $"unexpected eof token: expected {p}" : $"unexpected {Cur.Text} token: expected {p}");
        }

        return _toks[_i++];
    }

    private bool Accept(string p)
    {
        if (Cur.Is(p))
        {
            _i++;
            return true;
        }

        return false;
    }

    public static Module ParseModule(string file, string src) => new Parser(file, src).Module();

    public static Expr[] ParseQuery(string src) => new Parser("query", src).Query();

    public static Term ParseTerm(string file, string src) => new Parser(file, src).TermOnly();

    private Term TermOnly()
    {
        _nl.Push(false);
        var t = ParseInfix(PrecIn);
        if (Cur.Kind != TokenKind.Eof)
        {
            throw Unexpected();
        }

        return t;
    }

    /// <summary>
    /// A template part: a term, optionally with <c>with</c> modifiers, which become
    /// <c>[v | v = term with …][0]</c> so the part stays a term.
    /// </summary>
    private Term TemplatePart()
    {
        _nl.Push(false);
        var e = ParseExpr();
        if (Cur.Kind != TokenKind.Eof)
        {
            throw Unexpected();
        }

        if (e.Withs.Length == 0 && e.Term is not null && e.Kind == ExprKind.Term && !e.Negated)
        {
            return e.Term;
        }

        var v = new VarTerm(e.Loc, NewWildcard());
        var bind = new Expr { Loc = e.Loc, Term = new CallTerm(e.Loc, "eq", [v, e.Term ?? throw Err(Cur, "invalid template expression")]), Withs = e.Withs };
        var comp = new ComprehensionTerm(e.Loc, ComprehensionKind.Array, null, v, [bind]);
        return new RefTerm(e.Loc, comp, [new ScalarTerm(e.Loc, NumberValue.Zero)]);
    }

    private Expr[] Query()
    {
        var body = new List<Expr>();
        while (Cur.Kind != TokenKind.Eof)
        {
            body.Add(ParseExpr());
            if (!Accept(";") && Cur.Kind != TokenKind.Eof && !Cur.NewlineBefore)
            {
                throw Unexpected();
            }
        }

        if (body.Count == 0)
        {
            throw Err(Cur, "empty query");
        }

        return [.. body];
    }

    private Module Module()
    {
        var m = new Module { File = _file };
        if (!Cur.Is("package"))
        {
            throw Err(Cur, "expected package declaration");
        }

        m.PackageLoc = L(Cur);
        _i++;
        m.Package = ParsePackagePath();
        while (Cur.Kind != TokenKind.Eof)
        {
            if (Cur.Is("import") && !KeywordIsRef())
            {
                ParseImport(m);
            }
            else if (Cur.Is("package") && !KeywordIsRef())
            {
                throw Err(Cur, "unexpected package declaration");
            }
            else
            {
                ParseRule(m);
            }
        }

        MetadataBlocks.Attach(m, _comments);
        return m;
    }

    private string[] ParsePackagePath()
    {
        var t = ParsePrimaryRef();
        var parts = new List<string>();
        if (t is VarTerm v)
        {
            parts.Add(v.Name);
        }
        else if (t is RefTerm r && r.Head is VarTerm hv)
        {
            parts.Add(hv.Name);
            foreach (var p in r.Path)
            {
                parts.Add(p is ScalarTerm { Value: StringValue s } ? s.Value : throw Err(Cur, "invalid package path"));
            }
        }
        else
        {
            throw Err(Cur, "invalid package path");
        }

        if (parts[0] == "data")
        {
            parts.RemoveAt(0);
        }

        return [.. parts];
    }

    private void ParseImport(Module m)
    {
        var tok = Cur;
        _i++;
        var t = ParsePrimaryRef();
        var root = t switch
        {
            VarTerm v => v.Name,
            RefTerm { Head: VarTerm hv } => hv.Name,
            _ => throw Err(tok, "invalid import path"),
        };
        var path = t is RefTerm r
            ? r.Path.Select(p => p is ScalarTerm { Value: StringValue s } ? s.Value : throw Err(tok, "invalid import path")).ToArray()
            : [];
        string? alias = null;
        if (Accept("as"))
        {
            alias = Cur.Text;
            _i++;
        }

        if (root is "future" or "rego")
        {
            return;
        }

        if (root is not ("data" or "input"))
        {
            throw Err(tok, "invalid import path: must begin with input or data");
        }

        m.Imports.Add(new Import(L(tok), root, path, alias ?? (path.Length > 0 ? path[^1] : root)));
    }

    private static string NewWildcard() => "$" + Interlocked.Increment(ref _wildcards);
}
