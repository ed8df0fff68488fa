# The gateway queries data.agentgate.decision for every call of every agent, whatever its role.
package agentgate

import rego.v1

import data.agentgate.common

known_kinds := {"llm", "tool", "exec", "file", "git", "egress"}

decision := {
	"allow": count(deny) == 0,
	"deny": sort(deny),
	"require_approval": sort(require_approval),
	"rule": rule,
}

rule := concat(".", ["agentgate", input.action.kind]) if {
	input.action.kind in known_kinds
} else := "agentgate"

deny contains "agent identity is missing" if not input.agent.id

deny contains msg if {
	input.agent.id
	not common.role
	msg := sprintf("agent %s has role '%v', which the policy does not define", [input.agent.id, input.agent.role])
}

deny contains "action kind is missing" if not input.action.kind

deny contains msg if {
	not input.action.kind in known_kinds
	msg := sprintf("action kind '%v' is not known", [input.action.kind])
}

deny contains msg if {
	input.action.kind == "exec"
	some msg in data.agentgate.exec.deny
}

deny contains msg if {
	input.action.kind == "file"
	some msg in data.agentgate.file.deny
}

deny contains msg if {
	input.action.kind == "llm"
	some msg in data.agentgate.llm.deny
}

deny contains msg if {
	input.action.kind == "git"
	some msg in data.agentgate.git.deny
}

deny contains msg if {
	input.action.kind == "egress"
	some msg in data.agentgate.egress.deny
}

deny contains msg if {
	input.action.kind == "tool"
	some msg in data.agentgate.tool.deny
}

require_approval contains msg if {
	input.action.kind == "exec"
	some msg in data.agentgate.exec.require_approval
}

require_approval contains msg if {
	input.action.kind == "file"
	some msg in data.agentgate.file.require_approval
}

require_approval contains msg if {
	input.action.kind == "git"
	some msg in data.agentgate.git.require_approval
}

require_approval contains msg if {
	input.action.kind == "egress"
	some msg in data.agentgate.egress.require_approval
}

require_approval contains msg if {
	input.action.kind == "tool"
	some msg in data.agentgate.tool.require_approval
}
