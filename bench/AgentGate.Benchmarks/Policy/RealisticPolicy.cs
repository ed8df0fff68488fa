using AgentGate.Policy;
using AgentGate.Policy.Values;

namespace AgentGate.Benchmarks.Policy;

/// <summary>
/// The "realistic gateway policy": an allowlist lookup, a lane-prefix check and a few
/// <c>deny contains msg if</c> rules over an input of ~20 fields.
/// </summary>
internal static class RealisticPolicy
{
    public const string Module = """
        package gateway

        import rego.v1

        role := data.roles[input.agent.role]

        lane := data.lanes[input.agent.lane]

        deny contains msg if {
        	not role
        	msg := sprintf("agent %s has unknown role %s", [input.agent.id, input.agent.role])
        }

        deny contains msg if {
        	input.action.kind == "tool"
        	not input.action.tool in role.tools
        	msg := sprintf("tool %s is not allowed for role %s", [input.action.tool, input.agent.role])
        }

        deny contains msg if {
        	input.action.kind == "file"
        	input.action.op == "write"
        	not in_lane(input.action.path)
        	msg := sprintf("path %s is outside lane %s", [input.action.path, input.agent.lane])
        }

        deny contains msg if {
        	input.request.bytes > data.limits.max_request_bytes
        	msg := sprintf("request of %d bytes exceeds the limit", [input.request.bytes])
        }

        in_lane(path) if {
        	some prefix in lane.paths
        	startswith(path, prefix)
        }

        decision := {"allow": count(deny) == 0, "deny": deny}
        """;

    public const string Data = """
        {
          "roles": {
            "builder": {"tools": ["read_file", "write_file", "search", "list_files", "get_issue"]},
            "reviewer": {"tools": ["read_file", "search", "list_files", "get_issue", "add_comment"]},
            "security": {"tools": ["read_file", "search", "list_files"]}
          },
          "lanes": {
            "auth": {"paths": ["src/auth/", "tests/auth/", "docs/auth/"]},
            "billing": {"paths": ["src/billing/", "tests/billing/"]},
            "frontend": {"paths": ["web/", "tests/web/"]}
          },
          "limits": {"max_request_bytes": 1048576}
        }
        """;

    /// <summary>A 20-field file-write input that every rule lets through (the common case).</summary>
    public const string Input = """
        {
          "agent": {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"},
          "session": {"id": "tok_1", "task": "ISSUE-342", "sandbox": null},
          "time": "2026-11-23T10:00:00Z",
          "action": {"kind": "file", "op": "write", "path": "src/auth/login.cs", "bytes": 2048,
                     "server": "fs", "tool": "write_file"},
          "request": {"method": "POST", "path": "/mcp/fs", "bytes": 4096, "ip": "10.0.0.7",
                      "user_agent": "agent/1.0", "id": "req-9"}
        }
        """;

    public static PolicyBundle Compile() =>
        PolicyBundle.Compile([new("gateway.rego", Module)], ValueJson.Parse(Data)).Bundle
        ?? throw new InvalidOperationException("the realistic policy does not compile");
}
