namespace AgentGate.Gateway.Guards.Shell;

/// <summary>
/// Turns a parsed simple command into reported commands: refuses what cannot be resolved statically and
/// unwraps launchers (sudo, env, sh -c, xargs, find -exec, git aliases…) so the policy sees the real program.
/// </summary>
internal sealed partial class CommandResolver(ShellContext ctx)
{
    private static readonly HashSet<string> Shells = ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "yash", "fish"];

    private static readonly HashSet<string> DangerousVariables =
    [
        "PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "ENV", "PROMPT_COMMAND", "IFS", "SHELLOPTS",
        "BASHOPTS", "PS4", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EXEC_PATH", "GIT_ASKPASS",
        "SSH_ASKPASS", "GIT_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF", "GIT_DIR", "GIT_CONFIG", "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG_SYSTEM", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "PAGER", "EDITOR", "VISUAL", "NODE_OPTIONS",
        "PERL5OPT", "RUBYOPT", "PYTHONPATH", "PYTHONSTARTUP",
    ];

    public void Resolve(List<ShellWord> words, List<ShellWord> assignments, List<ShellRedirect> redirects, IReadOnlyList<string> wrappers)
    {
        var dangers = new List<string>();
        foreach (var a in assignments)
        {
            var name = a.Text[..a.Text.IndexOf('=', StringComparison.Ordinal)].TrimEnd('+');
            if (DangerousVariables.Contains(name) || name.StartsWith("GIT_CONFIG_", StringComparison.Ordinal) || name.StartsWith("DYLD_", StringComparison.Ordinal))
            {
                dangers.Add($"sets {name}");
            }

            if (name is "PS4" or "PROMPT_COMMAND" or "PS0" or "PS1" && ctx.HasCodeInLiteral)
            {
                throw new ShellRefusalException($"assigns code to {name}, which the shell evaluates later");
            }
        }

        if (words.Count == 0)
        {
            foreach (var d in dangers)
            {
                ctx.AddDanger(d);
            }

            return;
        }

        var head = words[0];
        if (head.Dynamic)
        {
            throw new ShellRefusalException($"the command name '{head.Text}' is built from an expansion or substitution, which cannot be resolved statically");
        }

        if (head.BraceExpansion)
        {
            throw new ShellRefusalException($"the command name '{head.Text}' uses brace expansion, which cannot be resolved statically");
        }

        if (head.Glob)
        {
            throw new ShellRefusalException($"the command name '{head.Text}' is a glob pattern, which cannot be resolved statically");
        }

        if (head.Text.Length == 0)
        {
            throw new ShellRefusalException("empty command name");
        }

        var argv = words.ConvertAll(w => w.Text);
        var path = argv[0];
        var slash = path.LastIndexOf('/');
        var name0 = slash >= 0 ? path[(slash + 1)..] : path;
        var dynamicArgs = words.Skip(1).Any(w => !w.IsStatic);
        var command = new ShellCommand(argv, name0, path, redirects, wrappers, assignments.ConvertAll(a => a.Text), dynamicArgs, dangers);
        Dispatch(command, words, wrappers);
    }

    private void Dispatch(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        switch (command.Name)
        {
            case "eval":
                throw new ShellRefusalException("'eval' runs a string built at run time, which cannot be analysed statically");
            case "source" or ".":
                throw new ShellRefusalException($"'{command.Name}' runs commands from a file, which cannot be analysed statically");
            case "alias" when words.Skip(1).Any(w => w.Text.Contains('=', StringComparison.Ordinal)):
                throw new ShellRefusalException("alias definitions cannot be analysed statically");
            case "hash" when words.Any(w => w.Text.StartsWith("-p", StringComparison.Ordinal)):
                throw new ShellRefusalException("'hash -p' rebinds a command name to another program");
            case "enable":
                throw new ShellRefusalException("'enable' can load or replace shell builtins");
            case "coproc":
                throw new ShellRefusalException("'coproc' is not supported");
            case "trap":
                ctx.Add(command);
                var action = words.Skip(1).FirstOrDefault(w => !w.Text.StartsWith('-'));
                if (action is not null && words.Count > 2)
                {
                    Nested(action, command, "trap", wrappers);
                }

                return;
            case "export" or "declare" or "typeset" or "local" or "readonly":
                ctx.Add(command with { Dangers = [.. command.Dangers, .. AssignedDangers(words)] });
                return;
        }

        if (!TryUnwrap(command, words, wrappers))
        {
            ctx.Add(command);
        }
    }

    private static IEnumerable<string> AssignedDangers(List<ShellWord> words)
    {
        foreach (var w in words.Skip(1))
        {
            var eq = w.Text.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? w.Text[..eq] : w.Text;
            if (DangerousVariables.Contains(name))
            {
                yield return $"sets {name}";
            }
        }
    }

    /// <summary>Analyses <paramref name="script"/> as shell code run by <paramref name="launcher"/>.</summary>
    private void Nested(ShellWord script, ShellCommand launcher, string wrapper, IReadOnlyList<string> wrappers)
    {
        if (!script.IsStatic)
        {
            throw new ShellRefusalException($"'{launcher.Name}' runs a string built at run time ('{script.Text}'), which cannot be analysed statically");
        }

        NestedText(script.Text, wrapper, wrappers);
    }

    internal void NestedText(string text, string wrapper, IReadOnlyList<string> wrappers)
    {
        if (++ctx.NestedShells > ctx.Options.MaxNestedShells)
        {
            throw new ShellRefusalException($"shell code nested deeper than {ctx.Options.MaxNestedShells} levels");
        }

        ctx.Enter();
        new ShellParser(text, ctx, [.. wrappers, wrapper]).ParseScript();
        ctx.Leave();
        ctx.NestedShells--;
    }

    private static bool IsShell(string name) => Shells.Contains(name);
}
