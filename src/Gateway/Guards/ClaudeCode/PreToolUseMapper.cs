using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentGate.Gateway.Guards.ClaudeCode;

/// <summary>
/// Maps Claude Code's PreToolUse hook payload (stdin JSON with hook_event_name, session_id, cwd, tool_name,
/// tool_input) onto the gateway's POST /v1/authorize body: Bash → exec, Write/Edit/MultiEdit → file write,
/// Read → file read, WebFetch → egress.
/// </summary>
internal static class PreToolUseMapper
{
    public const int MaxPayloadBytes = 4 * 1024 * 1024;

    public static HookMapping Map(string payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return HookMapping.Fail("hook payload is too large");
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return HookMapping.Fail("hook payload is not valid JSON");
        }

        if (root is null)
        {
            return HookMapping.Fail("hook payload is not a JSON object");
        }

        var evt = Str(root, "hook_event_name");
        if (evt is not null && evt != "PreToolUse")
        {
            return HookMapping.Fail($"unexpected hook event '{evt}'");
        }

        var session = Str(root, "session_id");
        var cwd = Str(root, "cwd");
        var tool = Str(root, "tool_name");
        if (tool is null || root["tool_input"] is not JsonObject input)
        {
            return HookMapping.Fail("hook payload has no tool_name or tool_input");
        }

        JsonObject? action = tool switch
        {
            "Bash" => Str(input, "command") is { } cmd ? new JsonObject { ["kind"] = "exec", ["command"] = cmd, ["cwd"] = cwd } : null,
            "Write" or "Edit" or "MultiEdit" or "NotebookEdit" => File("write", input, cwd),
            "Read" => File("read", input, cwd),
            "WebFetch" => Egress(input),
            _ => null,
        };

        if (action is null)
        {
            return tool is "Bash" or "Write" or "Edit" or "MultiEdit" or "NotebookEdit" or "Read" or "WebFetch"
                ? HookMapping.Fail($"tool_input for {tool} is missing or malformed")
                : HookMapping.Pass(session);
        }

        return HookMapping.Map(new JsonObject { ["action"] = action }, session);
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject? File(string op, JsonObject input, string? cwd)
    {
        var path = Str(input, "file_path") ?? Str(input, "notebook_path");
        return path is null ? null : new JsonObject { ["kind"] = "file", ["op"] = op, ["path"] = path, ["cwd"] = cwd };
    }

    private static JsonObject? Egress(JsonObject input)
    {
        if (Str(input, "url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "egress",
            ["scheme"] = uri.Scheme,
            ["host"] = uri.IdnHost,
            ["port"] = uri.Port,
            ["method"] = "GET",
            ["path"] = uri.PathAndQuery,
        };
    }
}
