package agentgate.git_test

import rego.v1

import data.agentgate.git

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

push(updates) := {"agent": builder, "action": {"kind": "git", "repo": "app", "service": "receive-pack", "updates": updates}}

upd(ref) := {"ref": ref, "old": "a", "new": "b", "force": false, "delete": false}

test_fetch_allowed if {
	count(git.deny) == 0 with input as {"agent": builder, "action": {"kind": "git", "service": "upload-pack"}}
}

test_own_branch_push_allowed if {
	count(git.deny) == 0 with input as push([upd("refs/heads/agents/builder-17/fix")])
	count(git.deny) == 0 with input as push([upd("refs/heads/lanes/auth/login")])
}

test_protected_refs_denied if {
	every ref in ["refs/heads/main", "refs/heads/master", "refs/heads/release/1.2", "refs/heads/prod", "refs/heads/production/eu"] {
		count(git.deny) == 1 with input as push([upd(ref)])
	}
}

test_other_agents_branch_denied if {
	count(git.deny) == 1 with input as push([upd("refs/heads/agents/builder-18/fix")])
}

test_force_push_to_own_branch_allowed if {
	u := object.union(upd("refs/heads/agents/builder-17/fix"), {"force": true})
	count(git.deny) == 0 with input as push([u])
}

test_tag_push_needs_approval if {
	count(git.require_approval) == 1 with input as push([upd("refs/tags/v1.0")])
	count(git.deny) == 0 with input as push([upd("refs/tags/v1.0")])
}

test_tag_delete_denied if {
	u := object.union(upd("refs/tags/v1.0"), {"delete": true})
	count(git.deny) == 1 with input as push([u])
}

test_other_refs_denied if {
	count(git.deny) == 1 with input as push([upd("refs/notes/commits")])
}
