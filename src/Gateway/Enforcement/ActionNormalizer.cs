using AgentGate.Gateway.Guards.Paths;
using AgentGate.Gateway.Guards.Shell;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Turns an action as an agent describes it into what the policy must see: exec command text parsed
/// with the shell grammar into every simple command that would run, file paths normalised to the
/// workspace. What cannot be resolved becomes <c>refusal</c>, which the shipped policy denies.
/// </summary>
internal static class ActionNormalizer
{
    private static readonly StringValue KindKey = StringValue.From("kind");

    public static ObjectValue Normalize(ObjectValue action, string workspaceRoot) =>
        action.Get(KindKey) is StringValue { Value: var kind } ? kind switch
        {
            "exec" => Exec(action),
            "file" => File(action, workspaceRoot),
            _ => action,
        } : action;

    private static ObjectValue Exec(ObjectValue action)
    {
        var command = action.Get(StringValue.From("command")) as StringValue;
        var argv = action.Get(StringValue.From("argv")) as ArrayValue;
        if (command is null && argv is not null)
        {
            var words = new List<string>(argv.Count);
            foreach (var item in argv.Items)
            {
                words.Add(item is StringValue s ? s.Value : ValueJson.Serialize(item));
            }

            var name = words.Count > 0 ? Path.GetFileName(words[0]) : string.Empty;
            return action.With(StringValue.From("commands"), ArrayValue.From(CommandValue(words, name, words.FirstOrDefault() ?? string.Empty, [], [])));
        }

        if (command is null)
        {
            return action.With(StringValue.From("refusal"), StringValue.From("an exec action needs 'command' (text) or 'argv' (array)"));
        }

        var analysis = ShellAnalyzer.Analyze(command.Value);
        var commands = new List<Value>(analysis.Commands.Count);
        foreach (var c in analysis.Commands)
        {
            commands.Add(CommandValue(c.Argv, c.Name, c.Path, c.Wrappers, c.Dangers));
        }

        var result = action
            .With(StringValue.From("commands"), ArrayValue.From(commands))
            .With(StringValue.From("dangers"), PolicyInput.Strings(analysis.Dangers));
        if (analysis.Commands.Count > 0)
        {
            result = result.With(StringValue.From("argv"), PolicyInput.Strings(analysis.Commands[0].Argv));
        }

        return analysis.Refusal is { } refusal ? result.With(StringValue.From("refusal"), StringValue.From(refusal)) : result;
    }

    private static ObjectValue File(ObjectValue action, string workspaceRoot)
    {
        if (action.Get(StringValue.From("path")) is not StringValue path)
        {
            return action.With(StringValue.From("refusal"), StringValue.From("a file action needs 'path' (text)"));
        }

        var cwd = action.Get(StringValue.From("cwd")) is StringValue c ? c.Value : null;
        var check = WorkspacePath.Normalise(path.Value, workspaceRoot, cwd);
        return check.Allowed
            ? action.With(StringValue.From("path"), StringValue.From(check.RelativePath!)).With(StringValue.From("original_path"), path)
            : action.With(StringValue.From("refusal"), StringValue.From(check.Refusal!));
    }

    private static ObjectValue CommandValue(IReadOnlyList<string> argv, string name, string path, IReadOnlyList<string> wrappers, IReadOnlyList<string> dangers) =>
        PolicyInput.Object(
            ("argv", PolicyInput.Strings(argv)),
            ("name", StringValue.From(name)),
            ("path", StringValue.From(path)),
            ("wrappers", PolicyInput.Strings(wrappers)),
            ("dangers", PolicyInput.Strings(dangers)));
}
