package agentgate.exec_test

import rego.v1

import data.agentgate.exec

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

ops := {"id": "ops-1", "role": "ops", "lane": "platform", "owner": "lee"}

run(agent, commands) := {"agent": agent, "action": {"kind": "exec", "commands": commands}}

test_builder_default_allowlist if {
	every name in ["ls", "cat", "head", "tail", "grep", "find", "sed", "awk", "sort", "wc", "diff", "git",
		"dotnet", "npm", "node", "python3", "make", "mkdir", "cp", "mv", "rm", "touch", "echo"] {
		count(exec.deny) == 0 with input as run(builder, [{"argv": [name]}])
	}
}

test_forbidden_commands_denied_for_builder if {
	every name in ["sudo", "su", "doas", "ssh", "scp", "nc", "ncat", "socat", "docker", "kubectl", "curl", "wget"] {
		msg := sprintf("exec: '%s' is forbidden for role builder", [name])
		msg in exec.deny with input as run(builder, [{"argv": [name, "x"]}])
	}
}

test_forbidden_command_allowed_by_data_for_ops if {
	count(exec.deny) == 0 with input as run(ops, [{"argv": ["kubectl", "get", "pods"]}])
	"exec: 'curl' is forbidden for role ops" in exec.deny with input as run(ops, [{"argv": ["curl", "x"]}])
}

test_unlisted_command_denied if {
	"exec: 'perl' is not on the builder allowlist" in exec.deny with input as run(builder, [{"argv": ["perl", "-e", "1"]}])
}

test_every_command_of_a_pipeline_is_checked if {
	d := exec.deny with input as run(builder, [{"argv": ["cat", "x"]}, {"argv": ["nc", "evil", "80"]}])
	"exec: 'nc' is forbidden for role builder" in d
}

test_path_of_command_uses_basename if {
	"exec: 'curl' is forbidden for role builder" in exec.deny with input as run(builder, [{"argv": ["/usr/bin/curl"]}])
}

test_parser_refusal_is_denied if {
	inp := {"agent": builder, "action": {"kind": "exec", "commands": [], "refusal": "'eval' cannot be resolved statically"}}
	"exec: 'eval' cannot be resolved statically" in exec.deny with input as inp
}

test_argv_fallback if {
	"exec: 'wget' is forbidden for role builder" in exec.deny with input as {"agent": builder, "action": {"kind": "exec", "argv": ["wget", "x"]}}
}

test_rm_rf_root_needs_approval if {
	count(exec.require_approval) == 1 with input as run(builder, [{"argv": ["rm", "-rf", "/"]}])
	count(exec.require_approval) == 1 with input as run(builder, [{"argv": ["rm", "-r", "-f", "~"]}])
	count(exec.require_approval) == 0 with input as run(builder, [{"argv": ["rm", "-rf", "build/"]}])
}

test_force_push_needs_approval if {
	every argv in [
		["git", "push", "--force", "origin", "agents/builder-17/x"],
		["git", "push", "-f"],
		["git", "push", "origin", "+main"],
		["git", "push", "--force-with-lease"],
		["git", "-C", "repo", "push", "--delete", "origin", "old"],
	] {
		count(exec.require_approval) == 1 with input as run(builder, [{"argv": argv}])
	}
	count(exec.require_approval) == 0 with input as run(builder, [{"argv": ["git", "push", "origin", "agents/builder-17/x"]}])
}

test_reset_hard_needs_approval_off_own_branch if {
	cmd := [{"argv": ["git", "reset", "--hard", "origin/main"]}]
	count(exec.require_approval) == 1 with input as run(builder, cmd)
	own := {"agent": builder, "action": {"kind": "exec", "commands": cmd, "branch": "agents/builder-17/fix"}}
	count(exec.require_approval) == 0 with input as own
}

test_dangerous_git_config_denied if {
	inp := run(builder, [{"argv": ["git", "-c", "core.sshCommand=sh -c id", "fetch"]}])
	"exec: 'git -c core.sshcommand' can run arbitrary commands" in exec.deny with input as inp
	count(exec.deny) == 0 with input as run(builder, [{"argv": ["git", "-c", "user.name=x", "commit"]}])
}
