namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>An instant (Unix nanoseconds, int64 range) seen in a time zone, like Go's time.Time.</summary>
internal readonly record struct GoTime(long UnixNanos, TimeZoneInfo Zone)
{
    public const long NanosPerSecond = 1_000_000_000;

    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    /// <summary>The UTC wall clock (100 ns resolution; see <see cref="Nanosecond"/>).</summary>
    public DateTime Utc => Epoch.AddTicks(FloorDiv(UnixNanos, 100));

    public TimeSpan Offset => Zone.GetUtcOffset(Utc);

    /// <summary>Wall clock in the zone, to the second.</summary>
    public DateTime Local
    {
        get
        {
            var seconds = FloorDiv(UnixNanos, NanosPerSecond);
            return Epoch.AddSeconds(seconds).Add(Offset);
        }
    }

    public int Nanosecond => (int)(UnixNanos - (FloorDiv(UnixNanos, NanosPerSecond) * NanosPerSecond));

    public string ZoneAbbreviation =>
        Zone == TimeZoneInfo.Utc || Zone.Id is "UTC" or "Etc/UTC" ? "UTC" : string.Empty;

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
}
