using System.Diagnostics.Metrics;
using AgentGate.Gateway.Approvals;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Benchmarks.Policy;

/// <summary>
/// The whole policy gate of one model call as the gateway runs it (<see cref="LlmPolicyGate"/>: input
/// building, <see cref="PolicyEngine.Decide"/> with its result conversion and metrics, the enforcer and
/// the audit items), against the bare Rego decision for the same input as the in-run baseline, so the
/// per-call cost outside the evaluator is the difference. The metrics are listened to, as the gateway's
/// OpenTelemetry exporter does.
/// </summary>
[MemoryDiagnoser]
public class GatePathBenchmarks
{
    private ServiceProvider _services = null!;
    private MeterListener _listener = null!;
    private PolicyEngine _engine = null!;
    private LlmPolicyGate _gate = null!;
    private PolicyEnforcer _enforcer = null!;
    private Value _input = null!;
    private ProviderRoute _provider = null!;
    private readonly AgentConfig _agent = new("builder-17", "builder", "auth", "sam");

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PolicyMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _listener.Start();

        var settings = new PolicySettings { RunTestsOnLoad = false, Watch = false };
        var metrics = new PolicyMetrics(_services.GetRequiredService<IMeterFactory>());
        _engine = new PolicyEngine(settings, TimeProvider.System, metrics, NullLogger<PolicyEngine>.Instance);
        if (_engine.Current is null)
        {
            throw new InvalidOperationException("the embedded bundle did not activate: " + string.Join("; ", _engine.LastFailure?.Errors ?? []));
        }

        var approvals = new ApprovalStore(new InMemoryApprovalRepository(), TimeProvider.System);
        _enforcer = new PolicyEnforcer(_engine, approvals, settings, TimeProvider.System);
        _gate = new LlmPolicyGate(_enforcer, settings);
        _provider = new ProviderRoute(new ProviderConfig("anthropic", ProviderType.Anthropic, new Uri("http://127.0.0.1:1/"), new SecretReference(SecretSource.Environment, "AGENTGATE_BENCH_KEY")));
        _input = PolicyInput.Build(new CallIdentity(_agent, "ISSUE-342", "tok_1"), LlmPolicyGate.Action(NewCall()), TimeProvider.System.GetUtcNow());
        if (!_engine.Decide(_input, CancellationToken.None).Allow || !_gate.BeforeAsync(NewCall(), CancellationToken.None).Result.Allowed)
        {
            throw new InvalidOperationException("the benchmark call should be allowed");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>The Rego evaluation alone, for the input the gate builds (prebuilt).</summary>
    [Benchmark(Baseline = true)]
    public Value? DecisionOnly() => _engine.Current!.Bundle.EvaluateRule(PolicyEngine.DecisionPath, _input).Value;

    /// <summary>The engine: evaluation, result conversion, metrics.</summary>
    [Benchmark]
    public bool EngineDecide() => _engine.Decide(_input, CancellationToken.None).Allow;

    /// <summary>The gate of one model call: input, enforcer, engine, audit items (the call object is per request).</summary>
    /// <remarks>Repeated calls hit the decision memo: this is every call after the first of an equal input within a second.</remarks>
    [Benchmark]
    public bool LlmGate() => _gate.BeforeAsync(NewCall(), CancellationToken.None).Result.Allowed;

    /// <summary>The same gate path with the memo bypassed: what the first call of an input in a second costs.</summary>
    [Benchmark]
    public bool LlmGateEvaluated()
    {
        var call = NewCall();
        return _enforcer.Enforce(new CallIdentity(call.Agent, call.Task, call.Session), LlmPolicyGate.Action(call), memoize: false, CancellationToken.None).Allowed;
    }

    /// <summary>Only the per-request objects the gateway creates anyway (subtract from <see cref="LlmGate"/>).</summary>
    [Benchmark]
    public object CallObjectOnly() => NewCall();

    private LlmCall NewCall() => new()
    {
        RequestId = "req-1",
        Agent = _agent,
        Task = "ISSUE-342",
        Session = "tok_1",
        TokenId = "tok_1",
        Provider = _provider,
        Method = "POST",
        Path = "/v1/messages",
        Model = "claude-sonnet-4-5",
        Stream = true,
        MaxTokens = 1024,
        StartTimestamp = 0,
    };
}
