# Git over the gateway's smart-HTTP proxy: fetches are allowed; each ref update of a push is decided.
package agentgate.git

import rego.v1

import data.agentgate.common

cfg := data.data

service := input.action.service

updates := input.action.updates if is_array(input.action.updates) else := []

deny contains msg if {
	not service in {"upload-pack", "receive-pack"}
	msg := sprintf("git: service '%v' is not known", [service])
}

branch(ref) := substring(ref, count("refs/heads/"), -1) if startswith(ref, "refs/heads/")

own_ref(ref) if {
	b := branch(ref)
	some prefix in common.branch_prefixes
	startswith(b, prefix)
}

protected(ref) if branch(ref) in cfg.protected_branches

protected(ref) if {
	b := branch(ref)
	some prefix in cfg.protected_branch_prefixes
	startswith(b, prefix)
}

own_prefix := concat("", [cfg.agent_branch_prefix, input.agent.id, "/"])

deny contains msg if {
	service == "receive-pack"
	some u in updates
	protected(u.ref)
	msg := sprintf("git: %s is protected; push to %s… and open a pull request", [u.ref, own_prefix])
}

deny contains msg if {
	service == "receive-pack"
	some u in updates
	branch(u.ref)
	not protected(u.ref)
	not own_ref(u.ref)
	msg := sprintf("git: %s is outside the branches of agent %s (%s…)", [u.ref, input.agent.id, own_prefix])
}

deny contains msg if {
	service == "receive-pack"
	some u in updates
	not startswith(u.ref, "refs/heads/")
	not startswith(u.ref, "refs/tags/")
	msg := sprintf("git: only branches and tags may be pushed, not %s", [u.ref])
}

deny contains msg if {
	service == "receive-pack"
	some u in updates
	startswith(u.ref, "refs/tags/")
	rewrites(u)
	msg := sprintf("git: tag %s may not be moved or deleted", [u.ref])
}

rewrites(u) if u.force == true

rewrites(u) if u.delete == true

require_approval contains msg if {
	service == "receive-pack"
	some u in updates
	startswith(u.ref, "refs/tags/")
	not rewrites(u)
	msg := sprintf("git: pushing tag %s needs approval", [u.ref])
}
