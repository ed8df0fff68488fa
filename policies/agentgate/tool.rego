# MCP tool calls: per-role tool allowlists per server ("*" as the server for any server, "*" as a
# tool for every tool of that server), approvals for irreversible tools.
package agentgate.tool

import rego.v1

import data.agentgate.common

cfg := data.data

tool_allowed if input.action.tool in common.role.tools[input.action.server]

tool_allowed if input.action.tool in common.role.tools["*"]

tool_allowed if "*" in common.role.tools[input.action.server]

deny contains "tool: the action names no server and tool" if {
	not is_string(input.action.server)
}

deny contains "tool: the action names no server and tool" if {
	not is_string(input.action.tool)
}

deny contains msg if {
	is_string(input.action.server)
	is_string(input.action.tool)
	not tool_allowed
	msg := sprintf("tool: %s/%s is not allowed for role %v", [input.action.server, input.action.tool, input.agent.role])
}

require_approval contains msg if {
	input.action.tool in cfg.approval_tools
	msg := sprintf("tool: %s is irreversible and needs approval", [input.action.tool])
}
