package agentgate.decision_test

import rego.v1

import data.agentgate

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

exec(agent, argv) := {"agent": agent, "action": {"kind": "exec", "commands": [{"argv": argv}]}}

test_allowed_command_is_allowed if {
	d := agentgate.decision with input as exec(builder, ["ls", "-la"])
	d.allow == true
	d.deny == []
	d.rule == "agentgate.exec"
}

test_unknown_role_is_denied if {
	d := agentgate.decision with input as exec(object.union(builder, {"role": "wizard"}), ["ls"])
	d.allow == false
	"agent builder-17 has role 'wizard', which the policy does not define" in d.deny
}

test_missing_identity_is_denied if {
	d := agentgate.decision with input as {"action": {"kind": "exec", "argv": ["ls"]}}
	d.allow == false
	"agent identity is missing" in d.deny
}

test_unknown_kind_is_denied if {
	d := agentgate.decision with input as {"agent": builder, "action": {"kind": "teleport"}}
	d.allow == false
	d.rule == "agentgate"
	"action kind 'teleport' is not known" in d.deny
}

test_security_role_is_not_above_the_gate if {
	security := {"id": "sec-1", "role": "security", "lane": "auth", "owner": "kim"}
	d := agentgate.decision with input as exec(security, ["curl", "https://example.com"])
	d.allow == false
}

test_approval_is_reported_with_allow if {
	d := agentgate.decision with input as exec(builder, ["rm", "-rf", "/"])
	d.allow == true
	count(d.require_approval) == 1
}
