using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Templates;

/// <summary><c>strings.render_template</c> (a Go text/template subset with missingkey=error).</summary>
[BuiltinGroup]
internal static class TemplateBuiltins
{
    internal static void Register(BuiltinTable t) => t.Add("strings.render_template", 2, Render);

    private static Value Render(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "strings.render_template";
        var template = BuiltinArgs.String(Name, a, 0);
        var vars = BuiltinArgs.Object(Name, a, 1);
        try
        {
            return StringValue.From(TemplateExecutor.Execute(TemplateParser.Parse(template), vars));
        }
        catch (FormatException ex)
        {
            throw CoreErrors.Builtin(Name, ex.Message);
        }
    }
}
