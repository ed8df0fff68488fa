# Other network egress through the forward proxy: default deny, allowlists in data.
package agentgate.egress

import rego.v1

import data.agentgate.common

cfg := data.data

host := lower(input.action.host)

allowed_hosts contains h if some h in common.role.egress

allowed_hosts contains h if some h in cfg.egress_allow

host_allowed if host in allowed_hosts

host_allowed if {
	some pattern in allowed_hosts
	startswith(pattern, "*.")
	endswith(host, substring(pattern, 1, -1))
}

deny contains msg if {
	not host_allowed
	msg := sprintf("egress: %v is not on the allowlist for role %s", [input.action.host, input.agent.role])
}

deny contains msg if {
	host_allowed
	not input.action.port in cfg.egress_ports
	msg := sprintf("egress: port %v is not allowed", [input.action.port])
}

require_approval contains msg if {
	host in cfg.production_hosts
	msg := sprintf("egress: %s is a production host", [host])
}

# A CONNECT tunnel whose first bytes are not TLS is decided again as scheme "tcp": port 443 is for TLS only,
# unless the host is listed in egress_plain_tunnels.
deny contains msg if {
	input.action.scheme == "tcp"
	input.action.port == 443
	not host in object.get(cfg, "egress_plain_tunnels", [])
	msg := sprintf("egress: the tunnel to %v:443 is not TLS; plain tunnels on 443 need the host in egress_plain_tunnels", [host])
}
