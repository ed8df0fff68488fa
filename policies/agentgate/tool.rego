# MCP tool calls: per-role tool allowlists per server ("*" for any server), approvals for
# irreversible tools.
package agentgate.tool

import rego.v1

import data.agentgate.common

cfg := data.data

tool_allowed if input.action.tool in common.role.tools[input.action.server]

tool_allowed if input.action.tool in common.role.tools["*"]

deny contains msg if {
	not tool_allowed
	msg := sprintf("tool: %v/%v is not allowed for role %s", [input.action.server, input.action.tool, input.agent.role])
}

require_approval contains msg if {
	input.action.tool in cfg.approval_tools
	msg := sprintf("tool: %s is irreversible and needs approval", [input.action.tool])
}
