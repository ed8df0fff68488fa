using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>time.*: the per-query frozen clock, Go layouts, IANA zones, exact nanoseconds.</summary>
[BuiltinGroup]
internal static class TimeBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add(new BuiltinDefinition("time.now_ns", 0, (c, _) => NumberValue.From(c.NowNanos)) { Nondeterministic = true });
        t.Add("time.parse_ns", 2, (_, a) => Parse("time.parse_ns", GoLayout.Resolve(BuiltinArgs.String("time.parse_ns", a, 0)), BuiltinArgs.String("time.parse_ns", a, 1)));
        t.Add("time.parse_rfc3339_ns", 1, (_, a) => Parse("time.parse_rfc3339_ns", GoLayout.Resolve("RFC3339"), BuiltinArgs.String("time.parse_rfc3339_ns", a, 0)));
        t.Add("time.parse_duration_ns", 1, (_, a) =>
        {
            var text = BuiltinArgs.String("time.parse_duration_ns", a, 0);
            return GoDuration.Parse(text) is { } ns ? NumberValue.From(ns)
                : throw BuiltinException.Error("time.parse_duration_ns", $"time: invalid duration \"{text}\"");
        });
        t.Add("time.date", 1, (_, a) =>
        {
            var local = TimeArgs.Read("time.date", a[0], 1).Time.Local;
            return ArrayValue.From(NumberValue.From(local.Year), NumberValue.From(local.Month), NumberValue.From(local.Day));
        });
        t.Add("time.clock", 1, (_, a) =>
        {
            var local = TimeArgs.Read("time.clock", a[0], 1).Time.Local;
            return ArrayValue.From(NumberValue.From(local.Hour), NumberValue.From(local.Minute), NumberValue.From(local.Second));
        });
        t.Add("time.weekday", 1, (_, a) =>
            StringValue.From(TimeArgs.Read("time.weekday", a[0], 1).Time.Local.DayOfWeek.ToString()));
        t.Add("time.format", 1, (_, a) =>
        {
            var (time, layout) = TimeArgs.Read("time.format", a[0], 1);
            return StringValue.From(GoTimeFormatter.Format(time, layout));
        });
        t.Add("time.add_date", 4, AddDate);
        t.Add("time.diff", 2, Diff);
    }

    private static Value Parse(string builtin, string layout, string value)
    {
        var nanos = GoTimeParser.Parse(layout, value, out var error) ?? throw BuiltinException.Error(builtin, error);
        return TimeArgs.InRange(builtin, nanos);
    }

    private static Value? AddDate(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "time.add_date";
        var time = TimeArgs.Read(Name, a[0], 1).Time;
        var years = BuiltinArgs.Int(Name, a, 1);
        var months = BuiltinArgs.Int(Name, a, 2);
        var days = BuiltinArgs.Int(Name, a, 3);
        var local = time.Local;
        var totalMonths = ((local.Year + (BigInteger)years) * 12) + local.Month - 1 + months;
        var year = BigInteger.Divide(totalMonths - (totalMonths.Sign < 0 ? 11 : 0), 12);
        var month = (int)(totalMonths - (year * 12)) + 1;
        if (year < 1 || year > 9999)
        {
            throw BuiltinException.Error(Name, "time outside of valid range");
        }

        var firstOfMonth = new DateTime((int)year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var dayOffset = (BigInteger)(local.Day - 1) + days;
        if (BigInteger.Abs(dayOffset) > 4_000_000)
        {
            throw BuiltinException.Error(Name, "time outside of valid range");
        }

        var wall = firstOfMonth.AddDays((double)dayOffset);
        if (wall.Year is < 1678 or > 2262)
        {
            throw BuiltinException.Error(Name, "time outside of valid range");
        }

        var wallSeconds = (BigInteger)((wall.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond)
            + (local.Hour * 3600) + (local.Minute * 60) + local.Second;
        var offset = time.Zone.GetUtcOffset(wall.AddHours(local.Hour).AddMinutes(local.Minute).AddSeconds(local.Second));
        var seconds = wallSeconds - (long)offset.TotalSeconds;
        return TimeArgs.InRange(Name, (seconds * GoTime.NanosPerSecond) + time.Nanosecond);
    }

    private static Value? Diff(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        var t1 = TimeArgs.Read("time.diff", a[0], 1).Time;
        var t2 = TimeArgs.Read("time.diff", a[1], 2).Time with { };
        t2 = new GoTime(t2.UnixNanos, t1.Zone);
        if (t1.UnixNanos > t2.UnixNanos)
        {
            (t1, t2) = (t2, t1);
        }

        var l1 = t1.Local;
        var l2 = t2.Local;
        int year = l2.Year - l1.Year, month = l2.Month - l1.Month, day = l2.Day - l1.Day;
        int hour = l2.Hour - l1.Hour, min = l2.Minute - l1.Minute, sec = l2.Second - l1.Second;
        if (sec < 0)
        {
            sec += 60;
            min--;
        }

        if (min < 0)
        {
            min += 60;
            hour--;
        }

        if (hour < 0)
        {
            hour += 24;
            day--;
        }

        if (day < 0)
        {
            day += DateTime.DaysInMonth(l1.Year, l1.Month);
            month--;
        }

        if (month < 0)
        {
            month += 12;
            year--;
        }

        return ArrayValue.From(NumberValue.From(year), NumberValue.From(month), NumberValue.From(day),
            NumberValue.From(hour), NumberValue.From(min), NumberValue.From(sec));
    }
}
