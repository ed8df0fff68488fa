using System.Text.Json.Nodes;

namespace AgentGate.Gateway.Guards.ClaudeCode;

/// <summary>
/// What the hook process prints and exits with. Claude Code blocks a tool only on exit code 2 (stderr is the reason
/// shown to the model) or on JSON with hookSpecificOutput.permissionDecision "deny"; exit 1 does NOT block.
/// </summary>
internal sealed record HookResponse(int ExitCode, string Stdout, string Stderr)
{
    public const int BlockExitCode = 2;

    public static HookResponse Allow() => new(0, "", "");

    /// <summary>The exit-code form: exit 2 with the reason on stderr.</summary>
    public static HookResponse DenyByExitCode(string reason) => new(BlockExitCode, "", OneLine(reason) + "\n");

    /// <summary>The JSON form: exit 0 with permissionDecision "deny" on stdout.</summary>
    public static HookResponse DenyByJson(string reason)
    {
        var json = new JsonObject
        {
            ["hookSpecificOutput"] = new JsonObject
            {
                ["hookEventName"] = "PreToolUse",
                ["permissionDecision"] = "deny",
                ["permissionDecisionReason"] = OneLine(reason),
            },
        };
        return new(0, json.ToJsonString() + "\n", "");
    }

    /// <summary>"ask" lets a human decide in Claude Code's own prompt (used for require_approval).</summary>
    public static HookResponse Ask(string reason)
    {
        var json = new JsonObject
        {
            ["hookSpecificOutput"] = new JsonObject
            {
                ["hookEventName"] = "PreToolUse",
                ["permissionDecision"] = "ask",
                ["permissionDecisionReason"] = OneLine(reason),
            },
        };
        return new(0, json.ToJsonString() + "\n", "");
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
