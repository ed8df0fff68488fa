package agentgate.tool_test

import rego.v1

import data.agentgate

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

reviewer := {"id": "reviewer-2", "role": "reviewer", "lane": "auth", "owner": "kim"}

call(agent, server, tool) := {"agent": agent, "action": {"kind": "tool", "server": server, "tool": tool, "arguments": {}}}

test_builder_may_search_any_server if {
	d := agentgate.decision with input as call(builder, "github", "search")
	d.allow == true
	d.require_approval == []
	d.rule == "agentgate.tool"
}

test_builder_may_not_comment if {
	d := agentgate.decision with input as call(builder, "github", "add_comment")
	d.allow == false
	"tool: github/add_comment is not allowed for role builder" in d.deny
}

test_reviewer_may_comment if {
	d := agentgate.decision with input as call(reviewer, "github", "add_comment")
	d.allow == true
}

test_merge_needs_approval if {
	d := agentgate.decision with input as call(builder, "github", "merge_pull_request")
	d.allow == true
	"tool: merge_pull_request is irreversible and needs approval" in d.require_approval
}

test_irreversible_tool_outside_allowlist_is_denied if {
	d := agentgate.decision with input as call(builder, "github", "delete_repository")
	d.allow == false
}

test_missing_tool_name_is_denied if {
	d := agentgate.decision with input as {"agent": builder, "action": {"kind": "tool", "server": "github"}}
	d.allow == false
	"tool: the action names no server and tool" in d.deny
}

test_server_wildcard_allows_every_tool_of_that_server if {
	tools := {"*": ["search"], "docs": ["*"]}
	d := agentgate.decision with input as call(builder, "docs", "anything") with data.data.roles.builder.tools as tools
	d.allow == true
	other := agentgate.decision with input as call(builder, "github", "anything") with data.data.roles.builder.tools as tools
	other.allow == false
}

test_formatter_has_no_tools if {
	formatter := {"id": "fmt-1", "role": "formatter", "lane": "auth", "owner": "sam"}
	d := agentgate.decision with input as call(formatter, "github", "read_file")
	d.allow == false
}
