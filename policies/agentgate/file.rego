# File operations inside the workspace. The gateway normalises input.action.path to a
# workspace-relative path and sets input.action.refusal for escapes.
package agentgate.file

import rego.v1

import data.agentgate.common

path := input.action.path

op := input.action.op

writes := {"write", "delete"}

reads := {"read", "list"}

deny contains msg if {
	is_string(input.action.refusal)
	msg := sprintf("file: %s", [input.action.refusal])
}

deny contains msg if {
	not op in writes
	not op in reads
	msg := sprintf("file: operation '%v' is not known", [op])
}

deny contains msg if {
	op in writes
	not common.is_agent_config(path)
	not common.path_in_lane(path)
	msg := sprintf("file: %s of %s is outside lane %v", [op, path, input.agent.lane])
}

deny contains msg if {
	op in reads
	not common.role.read_anywhere
	not readable(path)
	msg := sprintf("file: %s of %s is outside lane %v", [op, path, input.agent.lane])
}

readable(p) if common.path_in_lane(p)

readable(p) if common.shared_readable(p)

readable(p) if common.is_agent_config(p)

readable(p) if p in {"", "."}

require_approval contains msg if {
	op in writes
	common.is_agent_config(path)
	msg := sprintf("file: %s of agent configuration %s needs approval", [op, path])
}
