package agentgate.llm_test

import rego.v1

import data.agentgate.llm

call(role, model) := {
	"agent": {"id": "a-1", "role": role, "lane": "auth"},
	"action": {"kind": "llm", "provider": "anthropic", "model": model, "max_tokens": 1024},
}

test_formatter_may_not_call_frontier if {
	"llm: role formatter may not call frontier models (claude-opus-4-1)" in llm.deny with input as call("formatter", "claude-opus-4-1")
	count(llm.deny) == 0 with input as call("formatter", "claude-haiku-4-5")
}

test_builder_may_call_frontier if {
	count(llm.deny) == 0 with input as call("builder", "claude-opus-4-1")
}

test_longest_listed_prefix_first if {
	llm.tier == "small" with input as call("builder", "gpt-5-mini")
	llm.tier == "frontier" with input as call("builder", "gpt-5")
}

test_unknown_model_gets_default_tier if {
	llm.tier == "standard" with input as call("builder", "llama-3-70b")
}

test_max_tokens_bound if {
	inp := json.patch(call("builder", "claude-sonnet-4-5"), [{"op": "replace", "path": "/action/max_tokens", "value": 1000000}])
	count(llm.deny) == 1 with input as inp
}
