using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary><c>json.patch</c> (RFC 6902 over objects, arrays and sets); any failed operation makes the result undefined.</summary>
[BuiltinGroup]
internal static class JsonPatchBuiltins
{
    private static readonly StringValue OpKey = StringValue.From("op");
    private static readonly StringValue PathKey = StringValue.From("path");
    private static readonly StringValue FromKey = StringValue.From("from");
    private static readonly StringValue ValueKey = StringValue.From("value");

    internal static void Register(BuiltinTable t) => t.Add("json.patch", 2, Patch);

    private static Value? Patch(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var ops = BuiltinArgs.Array("json.patch", a, 1);
        Value? doc = a[0];
        foreach (var opValue in ops.Span)
        {
            doc = opValue is ObjectValue op ? Apply(doc, op) : null;
            if (doc is null)
            {
                return null;
            }
        }

        return doc;
    }

    private static Value? Apply(Value doc, ObjectValue op)
    {
        if (op.Get(OpKey) is not StringValue name || op.Get(PathKey) is not { } pathValue)
        {
            return null;
        }

        var path = JsonPaths.ParseOne(pathValue);
        if (path is null)
        {
            return null;
        }

        var value = op.Get(ValueKey);
        Value[]? from = null;
        if (name.Value is "move" or "copy")
        {
            from = op.Get(FromKey) is { } f ? JsonPaths.ParseOne(f) : null;
            if (from is null)
            {
                return null;
            }
        }
        else if (name.Value is "add" or "replace" or "test" && value is null)
        {
            return null;
        }

        switch (name.Value)
        {
            case "add":
                return PatchTree.Insert(doc, path, 0, value!);
            case "remove":
                return PatchTree.Delete(doc, path, 0);
            case "replace":
                var removed = PatchTree.Delete(doc, path, 0);
                return removed is null ? null : PatchTree.Insert(removed, path, 0, value!);
            case "move":
                var moved = PatchTree.Get(doc, from!);
                var without = moved is null ? null : PatchTree.Delete(doc, from!, 0);
                return without is null ? null : PatchTree.Insert(without, path, 0, moved!);
            case "copy":
                var copied = PatchTree.Get(doc, from!);
                return copied is null ? null : PatchTree.Insert(doc, path, 0, copied);
            case "test":
                return PatchTree.Get(doc, path) is { } found && found.Equals(value) ? doc : null;
            default:
                return null;
        }
    }
}
