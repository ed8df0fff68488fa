# Shared lookups over the bundle's data (policies/data/*.json, loaded at data.data).
package agentgate.common

import rego.v1

cfg := data.data

role := cfg.roles[input.agent.role]

lane := cfg.lanes[input.agent.lane]

basename(path) := name if {
	parts := split(path, "/")
	name := parts[count(parts) - 1]
}

# The agent's own branches: agents/<agent-id>/… plus its lane's branch prefixes.
branch_prefixes contains concat("", [cfg.agent_branch_prefix, input.agent.id, "/"])

branch_prefixes contains prefix if some prefix in lane.branches

path_in_lane(path) if {
	some prefix in lane.paths
	startswith(path, prefix)
}

shared_readable(path) if {
	some prefix in cfg.shared_read_prefixes
	startswith(path, prefix)
}

# Files that steer agents (instructions, hooks, CI): changing them changes what every agent does.
is_agent_config(path) if basename(path) in cfg.agent_config_files

is_agent_config(path) if {
	some prefix in cfg.agent_config_prefixes
	startswith(path, prefix)
}

is_agent_config(path) if {
	some prefix in cfg.agent_config_prefixes
	contains(path, concat("", ["/", prefix]))
}
