using System.Diagnostics.Metrics;
using AgentGate.Gateway.Enforcement;
using AgentGate.Policy.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class PolicyEngineTests
{
    private static PolicyEngine Engine(string path, TimeSpan timeout)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var settings = new PolicySettings { Path = path, EvaluationTimeout = timeout, RunTestsOnLoad = false, Watch = false };
        return new PolicyEngine(settings, TimeProvider.System, new PolicyMetrics(meters), NullLogger<PolicyEngine>.Instance);
    }

    [Fact]
    public void Decide_EvaluationExceedsTimeout_FailsClosedWithReason()
    {
        var dir = Directory.CreateTempSubdirectory("agentgate-slow-policy-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "slow.rego"),
                "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": n > 0, \"deny\": [], \"require_approval\": [], \"rule\": \"slow\"} if {\n\tn := count([x | some x in numbers.range(1, 50000000); x % 7 == 0])\n}\n");
            var engine = Engine(dir.FullName, TimeSpan.FromMilliseconds(50));

            var decision = engine.Decide(ObjectValue.Empty, CancellationToken.None);

            Assert.False(decision.Allow);
            Assert.Equal(PolicyDecision.FailClosedRule, decision.Rule);
            Assert.Contains("eval_cancel_error", decision.Deny[0]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Decide_ConflictingDecision_FailsClosed()
    {
        var dir = Directory.CreateTempSubdirectory("agentgate-conflict-policy-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "conflict.rego"),
                "package agentgate\n\nimport rego.v1\n\ndecision := {\"allow\": true, \"deny\": []} if input.a\n\ndecision := {\"allow\": false, \"deny\": [\"x\"]} if input.b\n");
            var engine = Engine(dir.FullName, TimeSpan.FromSeconds(5));

            var decision = engine.Decide(ValueJson.Parse("{\"a\": true, \"b\": true}"), CancellationToken.None);

            Assert.False(decision.Allow);
            Assert.Contains("eval_conflict_error", decision.Deny[0]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
