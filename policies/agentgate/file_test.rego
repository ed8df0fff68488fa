package agentgate.file_test

import rego.v1

import data.agentgate.file

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

reviewer := {"id": "rev-1", "role": "reviewer", "lane": "auth", "owner": "ana"}

act(agent, op, path) := {"agent": agent, "action": {"kind": "file", "op": op, "path": path}}

test_lane_write_allowed if {
	count(file.deny) == 0 with input as act(builder, "write", "src/auth/login.ts")
	count(file.require_approval) == 0 with input as act(builder, "write", "src/auth/login.ts")
}

test_other_lane_write_denied if {
	"file: write of src/billing/pay.ts is outside lane auth" in file.deny with input as act(builder, "write", "src/billing/pay.ts")
}

test_other_lane_read_denied_for_builder_but_not_reviewer if {
	count(file.deny) == 1 with input as act(builder, "read", "src/billing/pay.ts")
	count(file.deny) == 0 with input as act(reviewer, "read", "src/billing/pay.ts")
}

test_shared_files_readable if {
	count(file.deny) == 0 with input as act(builder, "read", "README.md")
}

test_agent_config_changes_need_approval if {
	every p in ["CLAUDE.md", "AGENTS.md", ".cursorrules", ".claude/settings.json", ".mcp.json",
		".git/hooks/pre-commit", ".github/workflows/ci.yml", "src/auth/CLAUDE.md", "src/auth/.claude/x"] {
		count(file.require_approval) == 1 with input as act(builder, "write", p)
		count(file.deny) == 0 with input as act(builder, "write", p)
	}
}

test_refusal_denied if {
	inp := {"agent": builder, "action": {"kind": "file", "op": "write", "path": "../etc/passwd", "refusal": "path escapes the workspace"}}
	"file: path escapes the workspace" in file.deny with input as inp
}

test_unknown_op_denied if {
	"file: operation 'chmod' is not known" in file.deny with input as act(builder, "chmod", "src/auth/x")
}
