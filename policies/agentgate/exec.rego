# Shell commands run inside a sandbox. The gateway parses the command text with a POSIX shell
# grammar and passes every simple command that would run as input.action.commands
# ([{"argv": [...], "name": "rm"}]); input.action.argv is the first one.
package agentgate.exec

import rego.v1

import data.agentgate.common

cfg := data.data

commands := input.action.commands if {
	is_array(input.action.commands)
} else := [{"argv": input.action.argv}] if {
	is_array(input.action.argv)
} else := []

command_name(cmd) := cmd.name if {
	is_string(cmd.name)
} else := common.basename(cmd.argv[0])

forbidden(name) if {
	name in cfg.forbidden_commands
	not name in common.role.allow_forbidden
}

deny contains msg if {
	is_string(input.action.refusal)
	msg := sprintf("exec: %s", [input.action.refusal])
}

deny contains "exec: no command to run" if {
	count(commands) == 0
	not input.action.refusal
}

deny contains msg if {
	some cmd in commands
	name := command_name(cmd)
	forbidden(name)
	msg := sprintf("exec: '%s' is forbidden for role %s", [name, input.agent.role])
}

deny contains msg if {
	some cmd in commands
	name := command_name(cmd)
	not forbidden(name)
	not name in common.role.commands
	msg := sprintf("exec: '%s' is not on the %s allowlist", [name, input.agent.role])
}

# git settings that make git run another program.
deny contains msg if {
	some cmd in commands
	command_name(cmd) == "git"
	some i, arg in cmd.argv
	arg == "-c"
	setting := lower(cmd.argv[i + 1])
	dangerous_git_setting(setting)
	msg := sprintf("exec: 'git -c %s' can run arbitrary commands", [split(setting, "=")[0]])
}

dangerous_git_setting(setting) if {
	some prefix in [
		"core.sshcommand", "core.pager", "core.editor", "core.fsmonitor", "core.hookspath",
		"core.gitproxy", "alias.", "protocol.ext.allow", "uploadpack.packobjectshook",
		"credential.helper", "diff.external", "sequence.editor", "filter.", "include.path",
	]
	startswith(setting, prefix)
}

git_value_options := {"-c", "-C", "--git-dir", "--work-tree", "--namespace", "--exec-path"}

git_subcommand(argv) := argv[positions[0]] if {
	positions := [i |
		some i, arg in argv
		i > 0
		not startswith(arg, "-")
		not argv[i - 1] in git_value_options
	]
	count(positions) > 0
}

short_flag(argv, flag) if {
	some arg in argv
	regex.match(`^-[a-zA-Z]+$`, arg)
	contains(arg, flag)
}

recursive(argv) if short_flag(argv, "r")

recursive(argv) if short_flag(argv, "R")

recursive(argv) if "--recursive" in argv

forced(argv) if short_flag(argv, "f")

forced(argv) if "--force" in argv

dangerous_rm_targets := {"/", "/*", "~", "~/", "~/*", ".", "./", "..", "../", "*", "/home", "/etc", "/usr", "/var", "/workspace", "/root"}

require_approval contains msg if {
	some cmd in commands
	command_name(cmd) == "rm"
	recursive(cmd.argv)
	forced(cmd.argv)
	some i, target in cmd.argv
	i > 0
	target in dangerous_rm_targets
	msg := sprintf("exec: 'rm -rf %s' is destructive", [target])
}

force_push_arg(arg) if arg in {"--force", "--mirror", "--delete", "--prune"}

force_push_arg(arg) if regex.match(`^-[a-zA-Z]*[fd][a-zA-Z]*$`, arg)

force_push_arg(arg) if startswith(arg, "--force-with-lease")

force_push_arg(arg) if startswith(arg, "--force-if-includes")

force_push_arg(arg) if startswith(arg, "+")

force_push_arg(arg) if startswith(arg, ":")

require_approval contains msg if {
	some cmd in commands
	command_name(cmd) == "git"
	git_subcommand(cmd.argv) == "push"
	some arg in cmd.argv
	force_push_arg(arg)
	msg := sprintf("exec: 'git push %s' rewrites or deletes remote history", [arg])
}

on_own_branch if {
	some prefix in common.branch_prefixes
	startswith(input.action.branch, prefix)
}

require_approval contains "exec: 'git reset --hard' outside the agent's own branch discards shared work" if {
	some cmd in commands
	command_name(cmd) == "git"
	git_subcommand(cmd.argv) == "reset"
	"--hard" in cmd.argv
	not on_own_branch
}
