namespace AgentGate.Gateway.Guards.Shell;

internal sealed partial class CommandResolver
{
    /// <summary>Handles launchers; false when <paramref name="command"/> is an ordinary program.</summary>
    private bool TryUnwrap(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        switch (command.Name)
        {
            case "sudo" or "doas":
                ctx.Add(command);
                Inner(words, Skip(words, 1, ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group", "--chdir", "--host", "--prompt", "--role", "--type", "--other-user", "--close-from", "--command-timeout"]), command, wrappers, reportEmpty: false);
                return true;
            case "env":
                return Env(command, words, wrappers);
            case "nice":
                return Inner(words, Skip(words, 1, ["-n", "--adjustment"]), command, wrappers);
            case "nohup" or "builtin" or "setsid":
                return Inner(words, Skip(words, 1, []), command, wrappers);
            case "timeout":
                var t = Skip(words, 1, ["-s", "-k", "--signal", "--kill-after"]);
                return Inner(words, t + 1, command, wrappers);
            case "stdbuf":
                return Inner(words, Skip(words, 1, ["-i", "-o", "-e", "--input", "--output", "--error"]), command, wrappers);
            case "time":
                return Inner(words, Skip(words, 1, ["-f", "-o", "--format", "--output"]), command, wrappers);
            case "command":
                if (words.Skip(1).TakeWhile(w => w.Text.StartsWith('-')).Any(w => w.Text.Contains('v', StringComparison.Ordinal) || w.Text.Contains('V', StringComparison.Ordinal)))
                {
                    return false;
                }

                return Inner(words, Skip(words, 1, []), command, wrappers);
            case "exec":
                return Inner(words, Skip(words, 1, ["-a"]), command, wrappers);
            case "xargs":
                return Xargs(command, words, wrappers);
            case "find":
                Find(command, words, wrappers);
                return true;
            case "git":
                GitRules.Apply(this, ctx, command, words, wrappers);
                return true;
            case "su" or "runuser":
                ctx.Add(command);
                var c = words.FindIndex(w => w.Text is "-c" or "--command");
                if (c > 0 && c + 1 < words.Count)
                {
                    Nested(words[c + 1], command, $"{command.Name} -c", [.. wrappers, command.Name]);
                }

                return true;
            case "busybox" when words.Count > 1:
                return Inner(words, 1, command, wrappers);
        }

        return IsShell(command.Name) && Shell(command, words, wrappers);
    }

    /// <summary>Index of the first word after the options; options in <paramref name="withArg"/> consume the next word.</summary>
    private static int Skip(List<ShellWord> words, int i, string[] withArg)
    {
        while (i < words.Count)
        {
            var w = words[i];
            if (!w.IsStatic)
            {
                throw new ShellRefusalException($"a launcher option is built at run time ('{w.Text}'), which cannot be resolved statically");
            }

            if (w.Text == "--")
            {
                return i + 1;
            }

            if (!w.Text.StartsWith('-') || w.Text == "-")
            {
                return i;
            }

            i += withArg.Contains(w.Text) ? 2 : 1;
        }

        return i;
    }

    private bool Inner(List<ShellWord> words, int index, ShellCommand launcher, IReadOnlyList<string> wrappers, bool reportEmpty = true)
    {
        if (index >= words.Count)
        {
            if (reportEmpty)
            {
                ctx.Add(launcher);
            }

            return true;
        }

        Resolve(words.GetRange(index, words.Count - index), [], [.. launcher.Redirects], [.. wrappers, launcher.Name]);
        return true;
    }

    private bool Env(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        var i = 1;
        var assignments = new List<ShellWord>();
        while (i < words.Count)
        {
            var w = words[i];
            if (!w.IsStatic && !ShellParser.IsAssignment(w))
            {
                throw new ShellRefusalException($"an 'env' argument is built at run time ('{w.Text}'), which cannot be resolved statically");
            }

            if (w.Text is "-S" or "--split-string" || w.Text.StartsWith("-S", StringComparison.Ordinal) || w.Text.StartsWith("--split-string", StringComparison.Ordinal))
            {
                throw new ShellRefusalException("'env -S' splits a string into a command line, which is not analysed");
            }

            if (w.Text is "-u" or "-C" or "--unset" or "--chdir")
            {
                i += 2;
            }
            else if (w.Text.StartsWith('-'))
            {
                i++;
            }
            else if (w.Text.IndexOf('=', StringComparison.Ordinal) > 0)
            {
                assignments.Add(w);
                i++;
            }
            else
            {
                break;
            }
        }

        if (i >= words.Count)
        {
            ctx.Add(command);
            return true;
        }

        Resolve(words.GetRange(i, words.Count - i), assignments, [.. command.Redirects], [.. wrappers, "env"]);
        return true;
    }

    private bool Xargs(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        var i = Skip(words, 1, ["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"]);
        var inner = i < words.Count ? words.GetRange(i, words.Count - i) : [new ShellWord { Text = "echo" }];
        var before = ctx.Commands.Count;
        Resolve(inner, [], [.. command.Redirects], [.. wrappers, "xargs"]);
        for (var k = before; k < ctx.Commands.Count; k++)
        {
            // xargs appends arguments read from its input: the final argv is never fully known.
            ctx.Commands[k] = ctx.Commands[k] with { HasDynamicArguments = true };
        }

        return true;
    }

    private void Find(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        ctx.Add(command);
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].Text is not ("-exec" or "-execdir" or "-ok" or "-okdir"))
            {
                continue;
            }

            var end = words.FindIndex(i + 1, w => w.Text is ";" or "+");
            if (end < 0)
            {
                throw new ShellRefusalException($"'find {words[i].Text}' is not terminated by ';' or '+'");
            }

            if (end > i + 1)
            {
                Resolve(words.GetRange(i + 1, end - i - 1), [], [], [.. wrappers, $"find {words[i].Text}"]);
            }

            i = end;
        }
    }

    private bool Shell(ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        var i = 1;
        var hasC = false;
        while (i < words.Count && words[i].IsStatic && (words[i].Text.StartsWith('-') || words[i].Text.StartsWith('+')) && words[i].Text != "--")
        {
            var o = words[i].Text;
            if (o is "-o" or "+o" or "-O" or "+O" or "--rcfile" or "--init-file")
            {
                i += 2;
                continue;
            }

            hasC |= !o.StartsWith("--", StringComparison.Ordinal) && o.Contains('c', StringComparison.Ordinal);
            i++;
        }

        if (i < words.Count && words[i].Text == "--")
        {
            i++;
        }

        var label = $"{command.Name} -c";
        if (hasC)
        {
            if (i >= words.Count)
            {
                throw new ShellRefusalException($"'{label}' without a command string");
            }

            Nested(words[i], command, label, wrappers);
            return true;
        }

        if (i < words.Count)
        {
            // A script file: its content is not visible here; the policy decides on the interpreter and path.
            ctx.Add(command with { Dangers = [.. command.Dangers, $"runs script file '{words[i].Text}'"] });
            return true;
        }

        var stdin = command.Redirects.LastOrDefault(r => r.Fd is null or 0 && r.Operator is "<<" or "<<-" or "<<<" or "<");
        if (stdin is { HereDocBody: { } body, IsDynamic: false })
        {
            NestedText(body, $"{command.Name} stdin", wrappers);
            return true;
        }

        throw new ShellRefusalException($"'{command.Name}' reads its commands from standard input (a pipe, file or expanded text), which cannot be analysed statically");
    }
}
