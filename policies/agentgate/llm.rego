# Model calls: which model tiers a role may use, and sane request bounds.
package agentgate.llm

import rego.v1

import data.agentgate.common

cfg := data.data

tier := matches[0] if {
	matches := [entry.tier |
		some entry in cfg.model_tiers
		startswith(input.action.model, entry.prefix)
	]
	count(matches) > 0
} else := cfg.unknown_model_tier

deny contains msg if {
	is_string(input.action.model)
	not tier in common.role.model_tiers
	msg := sprintf("llm: role %s may not call %s models (%s)", [input.agent.role, tier, input.action.model])
}

deny contains msg if {
	is_number(input.action.max_tokens)
	input.action.max_tokens > cfg.max_tokens_limit
	msg := sprintf("llm: max_tokens %v exceeds the limit of %v", [input.action.max_tokens, cfg.max_tokens_limit])
}
