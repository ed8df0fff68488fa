using AgentGate.Policy;
using AgentGate.Policy.Values;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Holds the active bundle and decides actions with it. A reload compiles and tests a new bundle and
/// swaps it in atomically; on any failure the last good bundle stays active and the failure is kept
/// for <c>/readyz</c>, <c>GET /admin/policy</c>, the log and a metric. With no good bundle at all,
/// every decision is a fail-closed deny.
/// </summary>
internal sealed partial class PolicyEngine
{
    public const string DecisionPath = "data.agentgate.decision";

    private readonly PolicySettings _settings;
    private readonly PolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly PolicyMetrics _metrics;
    private readonly ILogger<PolicyEngine> _logger;
    private readonly Lock _reloadLock = new();
    private PolicySnapshot? _current;
    private PolicyLoadFailure? _lastFailure;
    private DecisionMemo? _memo;

    public PolicyEngine(PolicySettings settings, TimeProvider time, PolicyMetrics metrics, ILogger<PolicyEngine> logger)
    {
        _settings = settings;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _options = PolicyOptions.Default with { Timeout = settings.EvaluationTimeout, TimeProvider = time };
        Reload();
    }

    public PolicySnapshot? Current => Volatile.Read(ref _current);

    public PolicyLoadFailure? LastFailure => Volatile.Read(ref _lastFailure);

    public string Revision => Current?.Revision ?? "none";

    /// <summary>Loads the configured bundle; returns the activation (success or every error).</summary>
    public PolicyActivation Reload()
    {
        lock (_reloadLock)
        {
            PolicySource source;
            try
            {
                source = _settings.Path is null ? PolicySource.Embedded() : PolicySource.FromDirectory(_settings.Path);
            }
            catch (IOException ex)
            {
                return Fail(new PolicyActivation(null, "unreadable", [$"{_settings.Path}: {ex.Message}"]));
            }

            if (Current is { } active && active.Revision == source.Revision)
            {
                return new PolicyActivation(active, active.Revision, []);
            }

            var activation = PolicyCompiler.Compile(source, _options, _settings.RunTestsOnLoad, _time);
            if (!activation.Success)
            {
                return Fail(activation);
            }

            Volatile.Write(ref _current, activation.Snapshot);
            Volatile.Write(ref _lastFailure, null);
            _metrics.Reloaded(true);
            Log.Activated(_logger, activation.Revision, source.Origin, activation.Snapshot!.Modules, activation.Snapshot.TestsPassed);
            return activation;
        }
    }

    /// <summary>Evaluates <c>data.agentgate.decision</c>; errors, timeouts and a missing bundle deny.</summary>
    public PolicyDecision Decide(Value input, CancellationToken cancellationToken)
    {
        var snapshot = Current;
        return snapshot is null
            ? PolicyDecision.FailClosed("no policy bundle is active: " + (LastFailure?.Errors.FirstOrDefault() ?? "not loaded"), "none")
            : Evaluate(snapshot, input, out _, cancellationToken);
    }

    /// <summary>Evaluates <c>data.agentgate.decision</c> for <paramref name="input"/>; errors and timeouts deny.</summary>
    private PolicyDecision Evaluate(PolicySnapshot snapshot, Value input, out EvaluationFootprint footprint, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (value, error) = snapshot.Bundle.EvaluateRule(DecisionPath, input, out footprint, cancellationToken);
        var decision = error is not null
            ? PolicyDecision.FailClosed($"policy evaluation failed: {error.Code}: {error.Message}", snapshot.Revision)
            : PolicyDecision.From(value, snapshot.Revision);
        _metrics.Decided(decision, _time.GetElapsedTime(started));
        if (error is not null)
        {
            Log.EvaluationFailed(_logger, snapshot.Revision, error.Code, error.Message);
        }

        return decision;
    }

    /// <summary>
    /// Decides <paramref name="stable"/> plus <c>varying: varyingValue</c> (e.g. the input's time) through the
    /// <see cref="DecisionMemo"/>: a pure decision is reused for an equal input, and — when the evaluation never
    /// read <paramref name="varying"/> — for any value of it. Only for inputs the gateway built from canonical
    /// values (equal inputs are indistinguishable to the policy). Errors and timeouts deny and are not kept.
    /// </summary>
    public PolicyDecision Decide(ObjectValue stable, StringValue varying, Value varyingValue, CancellationToken cancellationToken)
    {
        var snapshot = Current;
        if (snapshot is null)
        {
            return Decide(stable.With(varying, varyingValue), cancellationToken);
        }

        var memo = Volatile.Read(ref _memo);
        if (memo is null || !ReferenceEquals(memo.Snapshot, snapshot))
        {
            memo = new DecisionMemo(snapshot);
            Volatile.Write(ref _memo, memo);
        }

        if (memo.TryGet(stable, out var known))
        {
            _metrics.Decided(known, null);
            return known;
        }

        var input = stable.With(varying, varyingValue);
        if (memo.TryGet(input, out known))
        {
            _metrics.Decided(known, null);
            return known;
        }

        var decision = Evaluate(snapshot, input, out var footprint, cancellationToken);
        if (footprint.Pure)
        {
            memo.Add(footprint.Reads(varying) ? input : stable, decision);
        }

        return decision;
    }

    private PolicyActivation Fail(PolicyActivation activation)
    {
        Volatile.Write(ref _lastFailure, new PolicyLoadFailure(activation.Revision, activation.Errors, _time.GetUtcNow()));
        _metrics.Reloaded(false);
        Log.ActivationFailed(_logger, activation.Revision, Current?.Revision ?? "none", string.Join(" | ", activation.Errors.Take(5)));
        return activation;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Policy bundle {Revision} from {Origin} activated: {Modules} modules, {Tests} tests passed")]
        public static partial void Activated(ILogger logger, string revision, string origin, int modules, int tests);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Policy bundle {Revision} rejected; {Active} stays active: {Errors}")]
        public static partial void ActivationFailed(ILogger logger, string revision, string active, string errors);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Policy evaluation failed under {Revision} ({Code}): {Message}; denied")]
        public static partial void EvaluationFailed(ILogger logger, string revision, string code, string message);
    }
}
