using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class TimeTests
{
    [Theory]
    [InlineData("2006-01-02T15:04:05Z07:00", "2017-06-02T19:00:00-07:00", 1496455200000000000)]
    [InlineData("2006-01-02T15:04:05Z07:00", "1677-09-21T00:12:43.145224192-00:00", long.MinValue)]
    [InlineData("2006-01-02T15:04:05Z07:00", "2262-04-11T23:47:16.854775807-00:00", long.MaxValue)]
    [InlineData("01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700", 1496455200000000000)]
    [InlineData("02 Jan 06 15:04 -0700", "02 Jun 17 19:00 -0700", 1496455200000000000)]
    [InlineData("RFC822Z", "02 Jun 17 19:00 -0700", 1496455200000000000)]
    [InlineData("2006-01-02", "2020-02-02", 1580601600000000000)]
    public void ParseNs_GoLayouts_MatchOpa(string layout, string value, long expected) =>
        Assert.Equal(N(expected), Builtin("time.parse_ns", S(layout), S(value)));

    [Theory]
    [InlineData("1677-09-21T00:12:43.145224191-00:00")]
    [InlineData("2262-04-11T23:47:16.854775808-00:00")]
    public void ParseRfc3339Ns_OutOfInt64_RangeError(string value) =>
        Assert.Contains("time outside of valid range", Error("time.parse_rfc3339_ns", S(value)).Message, StringComparison.Ordinal);

    [Fact]
    public void ParseDurationNs_Milliseconds_Nanos() =>
        Assert.Equal(N(100000000), Builtin("time.parse_duration_ns", S("100ms")));

    [Fact]
    public void ParseDurationNs_Compound_Nanos() =>
        Assert.Equal(N(5400500000000), Builtin("time.parse_duration_ns", S("1h30m0.5s")));

    [Fact]
    public void Date_LosAngeles_PreviousDay() =>
        Assert.Equal(J("[2018,2,4]"), Builtin("time.date", ArrayValue.From(N(1517814000000000000), S("America/Los_Angeles"))));

    [Fact]
    public void Clock_NewYork_SevenAm() =>
        Assert.Equal(J("[7,0,0]"), Builtin("time.clock", ArrayValue.From(N(1517832000000000000), S("America/New_York"))));

    [Fact]
    public void Weekday_Monday() => Assert.Equal(S("Monday"), Builtin("time.weekday", N(1517832000000000000)));

    [Fact]
    public void Date_TooBig_BuiltinError() =>
        Assert.Contains("timestamp too big", Error("time.date", ValueJson.Parse("1582977600000000000000")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1585852421593912000, 3, 9, 12, 1705257221593912000)]
    [InlineData(1585852421593912000, -1, -1, -1, 1551465221593912000)]
    public void AddDate_Offsets_MatchGo(long ns, int y, int m, int d, long expected) =>
        Assert.Equal(N(expected), Builtin("time.add_date", N(ns), N(y), N(m), N(d)));

    [Fact]
    public void AddDate_NewYorkAcrossDst_SameWallClock()
    {
        // 2024-03-09T12:00:00-05:00 plus one day is 2024-03-10T12:00:00-04:00: 23 hours later.
        var start = 1710003600000000000L;
        var result = Builtin("time.add_date", ArrayValue.From(N(start), S("America/New_York")), N(0), N(0), N(1));
        Assert.Equal(N(start + (23L * 3600 * 1_000_000_000)), result);
    }

    [Fact]
    public void Format_KitchenName_TreatedAsLiteralLayout() =>
        Assert.Equal(S("Kitchen"), Builtin("time.format", ArrayValue.From(N(0), S("UTC"), S("Kitchen"))));

    [Fact]
    public void AddDate_TooSmall_RangeError() =>
        Assert.Equal(BuiltinException.BuiltinErrorCode, Error("time.add_date", N(long.MinValue), N(0), N(0), N(-1)).Code);

    [Fact]
    public void Format_ZonesAndLayouts_MatchOpa()
    {
        var ns = N(1670006453141828752);
        Assert.Equal(S("2022-12-02T18:40:53.141828752Z"), Builtin("time.format", ns));
        Assert.Equal(S("2022-12-03T00:10:53.141828752+05:30"), Builtin("time.format", ArrayValue.From(ns, S("Asia/Kolkata"))));
        Assert.Equal(S("Sat Dec 03 00:10:53 +0530 2022"), Builtin("time.format", ArrayValue.From(ns, S("Asia/Kolkata"), S("Mon Jan 02 15:04:05 -0700 2006"))));
        Assert.Equal(S("Sat, 03 Dec 2022 00:10:53 +0530"), Builtin("time.format", ArrayValue.From(ns, S("Asia/Kolkata"), S("RFC1123Z"))));
    }

    [Fact]
    public void Diff_LeapYear_TwentyEightDays()
    {
        var a = Builtin("time.parse_ns", S("2006-01-02"), S("2020-02-02"))!;
        var b = Builtin("time.parse_ns", S("2006-01-02"), S("2020-03-01"))!;
        Assert.Equal(J("[0,0,28,0,0,0]"), Builtin("time.diff", a, b));
    }

    [Fact]
    public void TestSleep_CancelledQuery_ReturnsNullPromptly()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var context = new BuiltinContext(FixedNow, cts.Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(NullValue.Instance, Builtin(context, "test.sleep", S("1h")));
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void TestSleep_BadDuration_BuiltinError() =>
        Assert.Equal(BuiltinException.BuiltinErrorCode, Error("test.sleep", S("soon")).Code);

    [Fact]
    public void NowNs_FrozenClock_SameValue()
    {
        var context = new BuiltinContext(FixedNow);
        Assert.Equal(Builtin(context, "time.now_ns"), Builtin(context, "time.now_ns"));
        Assert.Equal(N(1714564800000000000), Builtin(context, "time.now_ns"));
    }
}
