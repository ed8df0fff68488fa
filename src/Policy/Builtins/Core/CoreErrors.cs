using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core;

/// <summary>OPA's operand error texts (topdown/builtins), raised as <c>eval_type_error</c>.</summary>
internal static class CoreErrors
{
    /// <summary><c>"&lt;builtin&gt;: operand &lt;pos&gt; &lt;text&gt;"</c>.</summary>
    public static BuiltinException Operand(string builtin, int pos, string text) =>
        new(BuiltinException.TypeErrorCode, $"{builtin}: operand {pos} {text}");

    /// <summary>"must be X but got T" or "must be one of {X, Y} but got T".</summary>
    public static BuiltinException Type(string builtin, int pos, Value got, params string[] expected) =>
        expected.Length == 1
            ? Operand(builtin, pos, $"must be {expected[0]} but got {got.TypeName}")
            : Operand(builtin, pos, $"must be one of {{{string.Join(", ", expected)}}} but got {got.TypeName}");

    /// <summary>"must be array of strings but got array containing number".</summary>
    public static BuiltinException Element(string builtin, int pos, Value composite, Value got, string expected) =>
        Operand(builtin, pos, $"must be {composite.TypeName} of {expected}s but got {composite.TypeName} containing {got.TypeName}");

    /// <summary>A plain builtin error (<c>eval_builtin_error</c>).</summary>
    public static BuiltinException Builtin(string builtin, string message) => BuiltinException.Error(builtin, message);

    public static BuiltinException NotInteger(string builtin, int pos) =>
        Operand(builtin, pos, "must be integer number but got floating-point number");
}
