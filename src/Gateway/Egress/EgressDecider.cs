using System.Diagnostics;
using System.Net;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Guards.Network;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.LeakStop;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// One egress attempt, CONNECT or absolute URI: the agent is identified, the policy decides the <c>egress</c>
/// action, then the destination guard resolves the host once and checks every address (and refuses the
/// gateway's own listeners). Every attempt is audited.
/// </summary>
internal sealed partial class EgressDecider(TokenStore tokens, LeakStopScanner leaks, PolicyEnforcer enforcer, DestinationGuard guard, ListenerBindings listeners, IAuditSink audit, TimeProvider time)
{
    public const string Kind = "egress";
    public const string ProxyAuthRequired = "proxy_authentication_required";
    public const string DestinationRefused = "egress_destination_refused";
    public const string GuardRule = "agentgate.network";

    /// <param name="outbound">What the gateway will send in clear (request target and headers); a credential in it
    /// may only go to the host it is bound to. Null for CONNECT, whose bytes are opaque.</param>
    public async ValueTask<EgressVerdict> DecideAsync(string? proxyAuthorization, EgressTarget target, string? outbound, string requestId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var check = await ProxyAuthentication.CheckAsync(tokens, proxyAuthorization, cancellationToken);
        if (!check.IsValid)
        {
            var refusal = EgressVerdict.Refuse(StatusCodes.Status407ProxyAuthenticationRequired, ProxyAuthRequired, "proxy authentication required (Proxy-Authorization: Basic base64(agent:TOKEN)): " + check.Reason);
            await WriteAuditAsync(requestId, check, target, refusal, null, start);
            return refusal;
        }

        if (outbound is not null && LeakStopScanner.Scan(leaks.Bound, System.Text.Encoding.UTF8.GetBytes(outbound), target.Host) is { } finding)
        {
            var leak = EgressVerdict.Refuse(StatusCodes.Status403Forbidden, LeakStopScanner.ErrorType, LeakStopScanner.Describe(finding), LeakStopScanner.Rule);
            await WriteAuditAsync(requestId, check, target with { Path = "[withheld]" }, leak, null, start);
            return leak;
        }

        var who = new CallIdentity(check.Agent!, check.Token!.Task, check.Token.Id);
        var action = Action(target);
        var outcome = enforcer.Enforce(who, action, cancellationToken);
        EgressVerdict verdict;
        if (!outcome.Allowed)
        {
            verdict = EgressVerdict.Refuse(StatusCodes.Status403Forbidden, outcome.ErrorType, outcome.Decision.Message, outcome.Decision.Rule);
        }
        else
        {
            var destination = await guard.ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false);
            verdict = !destination.Allowed
                ? EgressVerdict.Refuse(StatusCodes.Status403Forbidden, DestinationRefused, destination.Refusal!, GuardRule)
                : IsOwnListener(destination.Address!, target.Port)
                    ? EgressVerdict.Refuse(StatusCodes.Status403Forbidden, DestinationRefused, "destination is one of the gateway's own listeners", GuardRule)
                    : EgressVerdict.Allow(destination.Address!) with { Caller = check };
        }

        await WriteAuditAsync(requestId, check, target, verdict, outcome, start);
        return verdict;
    }

    /// <summary>
    /// A tunnel whose first bytes are not TLS: the policy decides it once more as scheme <c>tcp</c> (the shipped
    /// policy refuses plain traffic on 443 unless <c>egress_plain_tunnels</c> lists the host). Audited.
    /// </summary>
    public async ValueTask<EgressVerdict> DecidePlainTunnelAsync(EgressVerdict allowed, EgressTarget target, string requestId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var check = allowed.Caller!.Value;
        var plain = target with { Scheme = "tcp" };
        var outcome = enforcer.Enforce(new CallIdentity(check.Agent!, check.Token!.Task, check.Token.Id), Action(plain), cancellationToken);
        var verdict = outcome.Allowed
            ? allowed
            : EgressVerdict.Refuse(StatusCodes.Status403Forbidden, outcome.ErrorType, outcome.Decision.Message, outcome.Decision.Rule);
        await WriteAuditAsync(requestId, check, plain, verdict, outcome, start);
        return verdict;
    }

    /// <summary>Audits a refusal found after the decision (a TLS server name that is not the CONNECT host, a leak in a body).</summary>
    public ValueTask RefuseLateAsync(EgressVerdict allowed, EgressTarget target, EgressVerdict refusal, string requestId) =>
        WriteAuditAsync(requestId, allowed.Caller!.Value, target, refusal, null, Stopwatch.GetTimestamp());

    private static ObjectValue Action(EgressTarget target) =>
        PolicyInput.Object(
            ("kind", StringValue.From(Kind)),
            ("scheme", StringValue.From(target.Scheme == "connect" ? "https" : target.Scheme)),
            ("host", StringValue.From(target.Host)),
            ("port", NumberValue.From(target.Port)),
            ("method", StringValue.From(target.Method)),
            ("path", StringValue.From(target.Path)));

    private bool IsOwnListener(IPAddress address, int port)
    {
        foreach (var kind in (ListenerKind[])[ListenerKind.Admin, ListenerKind.Agent])
        {
            Uri bound;
            try
            {
                bound = listeners.Address(kind);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or NullReferenceException or InvalidOperationException)
            {
                continue;
            }

            if (bound.Port == port && (IPAddress.IsLoopback(address) || (IPAddress.TryParse(bound.Host.Trim('[', ']'), out var own) && own.Equals(address))))
            {
                return true;
            }
        }

        return false;
    }
}
