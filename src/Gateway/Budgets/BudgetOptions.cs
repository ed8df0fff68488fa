namespace AgentGate.Gateway.Budgets;

/// <summary>Options bound from <c>AgentGate:Budgets</c>.</summary>
internal sealed class BudgetOptions
{
    public const string SectionName = "AgentGate:Budgets";
    public const long DefaultWindowMs = 60_000;

    /// <summary>Rate pools per provider account, keyed by provider name.</summary>
    public Dictionary<string, PoolOptions> Pools { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whole-fleet budget per UTC day.</summary>
    public BudgetLimitOptions Fleet { get; set; } = new();

    /// <summary>Default budget per agent per UTC day.</summary>
    public BudgetLimitOptions Agent { get; set; } = new();

    /// <summary>Per-agent overrides of <see cref="Agent"/>.</summary>
    public Dictionary<string, BudgetLimitOptions> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Budget per task (whole task lifetime, kept <see cref="TaskRetention"/>).</summary>
    public BudgetLimitOptions Task { get; set; } = new();

    public TimeSpan TaskRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Prices in USD per million tokens, keyed by model; "*" is the fallback.</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Context window in tokens, keyed by model.</summary>
    public Dictionary<string, long> ContextWindows { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public double ContextWarningRatio { get; set; } = 0.8;

    /// <summary>Queue priority per role; higher goes first, default 0.</summary>
    public Dictionary<string, int> RolePriorities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gateway replicas sharing the pools; local limits are pool / Replicas while Redis is down.</summary>
    public int Replicas { get; set; } = 1;

    public string KeyPrefix { get; set; } = "agentgate:{budgets}:";

    /// <summary>Length of the pool window: the pools' *PerMinute limits refill once per window. Keep 60
    /// to match providers' per-minute limits; simulations and tests shorten it to run in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Transparent retries of an upstream 429/529/overloaded that has not started streaming.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Longest wait before a transparent retry: an upstream retry-after above it is handed to the
    /// agent unchanged instead, and a retry waits at most this long for the fleet backoff and the queue.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fleet backoff after an upstream 429/529 that carried no retry-after.</summary>
    public TimeSpan DefaultBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A concurrency slot whose call never settles is freed after this long.</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public long DefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>Replica credit (Redis store only): a reservation that goes to Redis asks for up to this many
    /// calls' worth of what it touches, so the next calls of this replica are admitted without a round trip.
    /// Redis grants at most 1% of a limit and 1/(2 × Replicas) of what is left. 1 turns it off.</summary>
    public int CreditCalls { get; set; } = 32;

    /// <summary>Unused replica credit goes back to Redis after this long (also how long a fleet backoff
    /// set through another replica can take to reach this one).</summary>
    public TimeSpan CreditHold { get; set; } = TimeSpan.FromSeconds(1);
}
