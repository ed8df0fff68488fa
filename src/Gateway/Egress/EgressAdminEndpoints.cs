using AgentGate.Gateway.Config;
using AgentGate.Gateway.Guards.Network;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.LeakStop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Admin listener: <c>GET /admin/egress</c> shows what the forward proxy enforces besides the policy (whose
/// allowlist is policy data: <c>POST /v1/data/data/egress_allow</c>): refused address classes and exemptions,
/// the TLS server-name rule, and the leak stop's limits. No secret values.
/// </summary>
internal static class EgressAdminEndpoints
{
    public static void MapEgressAdmin(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/egress", (DestinationGuardOptions guard, GatewayConfig config, LeakStopScanner leaks) =>
        {
            var scan = leaks.Bound.Options;
            return Results.Json(new
            {
                refused_address_classes = Enum.GetNames<AddressClass>().Where(n => n != nameof(AddressClass.Public)).ToList(),
                exempt_ranges = guard.AllowedRanges.Select(r => r.ToString()).ToList(),
                connect_timeout_seconds = config.Proxy.ConnectTimeout.TotalSeconds,
                tunnel = new
                {
                    tls_server_name_must_match = true,
                    peek_timeout_seconds = ConnectTunnel.PeekTimeout.TotalSeconds,
                    non_tls = "decided again by the policy as scheme tcp (443 needs egress_plain_tunnels)",
                    content = "opaque after the ClientHello",
                },
                leak_stop = new
                {
                    registered_secrets = leaks.SecretCount,
                    max_scan_bytes = scan.MaxScanBytes,
                    carry_bytes = scan.CarryBytes,
                    over_limit = scan.OverLimit.ToString().ToLowerInvariant(),
                },
                policy_data = new[] { "data.data.egress_allow", "data.data.egress_ports", "data.data.egress_plain_tunnels", "data.data.production_hosts" },
            });
        }).WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
}
