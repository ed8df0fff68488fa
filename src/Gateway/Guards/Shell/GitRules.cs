namespace AgentGate.Gateway.Guards.Shell;

/// <summary>
/// git settings that make git run a program or talk somewhere else. A setting given with "-c", "--config-env" or
/// "git config" is reported as a danger; values that are shell code (aliases starting with '!', ssh commands,
/// pagers, editors) are analysed as commands too.
/// </summary>
internal static class GitRules
{
    private static readonly string[] ExactKeys =
    [
        "core.sshcommand", "core.pager", "core.editor", "core.fsmonitor", "core.hookspath", "core.askpass",
        "core.gitproxy", "core.worktree", "sequence.editor", "diff.external", "credential.helper", "gpg.program",
        "include.path", "uploadpack.packobjectshook", "http.proxy", "http.sslverify", "safe.directory",
        "protocol.allow", "core.attributesfile", "init.templatedir",
    ];

    private static readonly string[] Prefixes = ["alias.", "pager.", "includeif.", "protocol.", "url.", "filter.", "merge.", "gpg.", "credential.", "remote."];

    private static readonly string[] ShellValuedKeys = ["core.sshcommand", "core.pager", "core.editor", "sequence.editor", "diff.external"];

    public static bool IsDangerousKey(string key)
    {
        var k = key.ToLowerInvariant();
        if (ExactKeys.Contains(k))
        {
            return true;
        }

        foreach (var p in Prefixes)
        {
            if (k.StartsWith(p, StringComparison.Ordinal))
            {
                return p is not ("remote." or "merge." or "credential.")
                    || k.EndsWith(".uploadpack", StringComparison.Ordinal) || k.EndsWith(".receivepack", StringComparison.Ordinal)
                    || k.EndsWith(".proxy", StringComparison.Ordinal) || k.EndsWith(".driver", StringComparison.Ordinal)
                    || k.EndsWith(".helper", StringComparison.Ordinal) || k.EndsWith(".url", StringComparison.Ordinal);
            }
        }

        return k.StartsWith("diff.", StringComparison.Ordinal) && (k.EndsWith(".textconv", StringComparison.Ordinal) || k.EndsWith(".command", StringComparison.Ordinal));
    }

    public static void Apply(CommandResolver resolver, ShellContext ctx, ShellCommand command, List<ShellWord> words, IReadOnlyList<string> wrappers)
    {
        var dangers = new List<string>(command.Dangers);
        var shellValues = new List<(string Key, ShellWord Value)>();
        var i = 1;
        for (; i < words.Count; i++)
        {
            var w = words[i].Text;
            if (w is "-c" && i + 1 < words.Count)
            {
                Setting(words[++i], "git -c", dangers, shellValues);
            }
            else if (w.StartsWith("--config-env=", StringComparison.Ordinal))
            {
                var kv = w["--config-env=".Length..];
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                var key = eq > 0 ? kv[..eq] : kv;
                dangers.Add($"git --config-env {key}");
            }
            else if (w.StartsWith("--exec-path=", StringComparison.Ordinal))
            {
                dangers.Add("git --exec-path");
            }
            else if (w is "-C" or "--git-dir" or "--work-tree" or "--namespace" or "--super-prefix")
            {
                i++;
            }
            else if (!w.StartsWith('-'))
            {
                break;
            }
        }

        if (i < words.Count)
        {
            Subcommand(words, i, dangers, shellValues);
        }

        ctx.Add(command with { Dangers = dangers });
        foreach (var (key, value) in shellValues)
        {
            if (!value.IsStatic)
            {
                throw new ShellRefusalException($"git setting '{key}' is built at run time, which cannot be analysed statically");
            }

            var text = value.Text;
            var code = key.StartsWith("alias.", StringComparison.OrdinalIgnoreCase) ? text[1..] : text;
            resolver.NestedText(code, $"git {key}", wrappers);
        }
    }

    private static void Setting(ShellWord setting, string how, List<string> dangers, List<(string, ShellWord)> shellValues)
    {
        var eq = setting.Text.IndexOf('=', StringComparison.Ordinal);
        var key = eq > 0 ? setting.Text[..eq] : setting.Text;
        if (!setting.IsStatic && eq < 0)
        {
            throw new ShellRefusalException($"a git setting is built at run time ('{setting.Text}')");
        }

        if (IsDangerousKey(key))
        {
            dangers.Add($"{how} {key}");
        }

        var value = eq > 0 ? setting.Text[(eq + 1)..] : "";
        var isAliasCommand = key.StartsWith("alias.", StringComparison.OrdinalIgnoreCase) && value.StartsWith('!');
        if (isAliasCommand || (ShellValuedKeys.Contains(key.ToLowerInvariant()) && value.Length > 0))
        {
            shellValues.Add((key, new ShellWord { Text = value, Dynamic = setting.Dynamic }));
        }
    }

    private static void Subcommand(List<ShellWord> words, int i, List<string> dangers, List<(string, ShellWord)> shellValues)
    {
        var sub = words[i].Text;
        var rest = words.Skip(i + 1).ToList();
        if (sub == "config")
        {
            var args = rest.Where(w => !w.Text.StartsWith('-')).ToList();
            if (args.Count >= 2)
            {
                Setting(new ShellWord { Text = args[0].Text + "=" + args[1].Text, Dynamic = !args[1].IsStatic }, "git config", dangers, shellValues);
            }
            else if (args.Count == 1 && IsDangerousKey(args[0].Text))
            {
                dangers.Add($"git config {args[0].Text}");
            }

            return;
        }

        foreach (var w in rest)
        {
            if (w.Text.StartsWith("--upload-pack", StringComparison.Ordinal) || w.Text.StartsWith("--receive-pack", StringComparison.Ordinal)
                || w.Text.StartsWith("--exec", StringComparison.Ordinal) || (w.Text == "-u" && sub is "clone" or "fetch" or "pull" or "ls-remote"))
            {
                dangers.Add($"git {sub} {w.Text.Split('=')[0]}");
            }

            if (w.Text.StartsWith("ext::", StringComparison.Ordinal))
            {
                throw new ShellRefusalException("git 'ext::' remotes run an arbitrary command");
            }
        }
    }
}
