package agentgate.egress_test

import rego.v1

import data.agentgate.egress
import data.agentgate.tool

builder := {"id": "builder-17", "role": "builder", "lane": "auth", "owner": "sam"}

connect(host, port) := {"agent": builder, "action": {"kind": "egress", "scheme": "https", "host": host, "port": port}}

test_registry_allowed_for_builder if {
	count(egress.deny) == 0 with input as connect("registry.npmjs.org", 443)
	count(egress.deny) == 0 with input as connect("Registry.NPMJS.org", 443)
}

test_default_deny if {
	"egress: example.com is not on the allowlist for role builder" in egress.deny with input as connect("example.com", 443)
}

test_port_restricted if {
	"egress: port 22 is not allowed" in egress.deny with input as connect("registry.npmjs.org", 22)
}

test_tool_allowlist if {
	call := {"agent": builder, "action": {"kind": "tool", "server": "github", "tool": "read_file", "arguments": {}}}
	count(tool.deny) == 0 with input as call
	bad := json.patch(call, [{"op": "replace", "path": "/action/tool", "value": "delete_repository"}])
	count(tool.deny) == 1 with input as bad
	count(tool.require_approval) == 1 with input as bad
}

plain(host, port) := {"agent": builder, "action": {"kind": "egress", "scheme": "tcp", "host": host, "port": port}}

test_plain_tunnel_on_443_denied_unless_listed if {
	"egress: the tunnel to registry.npmjs.org:443 is not TLS; plain tunnels on 443 need the host in egress_plain_tunnels" in egress.deny with input as plain("registry.npmjs.org", 443)
	count(egress.deny) == 0 with input as plain("registry.npmjs.org", 443) with data.data.egress_plain_tunnels as ["registry.npmjs.org"]
	count(egress.deny) == 0 with input as connect("registry.npmjs.org", 443)
}
