namespace AgentGate.Policy.Builtins;

/// <summary>Per-query state shared by every builtin call of one query evaluation.</summary>
public sealed class BuiltinContext
{
    private readonly DateTimeOffset _now;
    private readonly TextWriter? _printOutput;
    private Random? _random;
    private Dictionary<string, object>? _queryCache;

    public BuiltinContext(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        _now = now;
        CancellationToken = cancellationToken;
    }

    /// <summary>The query's clock, frozen once per query.</summary>
    public DateTimeOffset Now
    {
        get
        {
            ReadOutsideInput = true;
            return _now;
        }
    }

    /// <summary><see cref="Now"/> as Unix nanoseconds.</summary>
    public long NowNanos => (Now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>Randomness seeded once per query.</summary>
    public Random Random
    {
        get
        {
            ReadOutsideInput = true;
            return _random ??= new Random(Seed ?? Environment.TickCount);
        }

        init => _random = value;
    }

    /// <summary>Optional seed for <see cref="Random"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>When true, builtin errors abort evaluation instead of making the expression undefined.</summary>
    public bool StrictErrors { get; init; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Per-query memo, e.g. so <c>rand.intn("x", 10)</c> is stable within a query.</summary>
    public IDictionary<string, object> QueryCache => _queryCache ??= new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Where <c>print</c> writes; null discards output.</summary>
    public TextWriter? PrintOutput
    {
        get
        {
            ReadOutsideInput |= _printOutput is not null;
            return _printOutput;
        }

        init => _printOutput = value;
    }

    /// <summary>
    /// True once the query read something besides its input and data (the clock, randomness, a
    /// nondeterministic builtin) or wrote output: its result is then not a pure function of the input.
    /// </summary>
    public bool ReadOutsideInput { get; internal set; }
}
