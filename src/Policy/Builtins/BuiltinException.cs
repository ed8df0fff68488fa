using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins;

/// <summary>An error raised by a builtin; <see cref="Code"/> is OPA's topdown error code.</summary>
public sealed class BuiltinException : Exception
{
    public const string TypeErrorCode = "eval_type_error";
    public const string BuiltinErrorCode = "eval_builtin_error";

    public BuiltinException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public BuiltinException()
        : this(BuiltinErrorCode, "builtin error")
    {
    }

    public BuiltinException(string message)
        : this(BuiltinErrorCode, message)
    {
    }

    public BuiltinException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = BuiltinErrorCode;
    }

    /// <summary><c>"eval_type_error"</c> or <c>"eval_builtin_error"</c>.</summary>
    public string Code { get; }

    /// <summary>OPA's <c>"&lt;builtin&gt;: operand &lt;n&gt; must be &lt;expected&gt; but got &lt;type&gt;"</c>.</summary>
    public static BuiltinException TypeError(string builtin, int operand, string expected, Value actual) =>
        new(TypeErrorCode, $"{builtin}: operand {operand} must be {expected} but got {actual.TypeName}");

    /// <summary>OPA's <c>"&lt;builtin&gt;: &lt;message&gt;"</c> (eval_builtin_error).</summary>
    public static BuiltinException Error(string builtin, string message) =>
        new(BuiltinErrorCode, $"{builtin}: {message}");
}
