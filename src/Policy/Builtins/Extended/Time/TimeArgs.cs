using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Reads OPA's time operands: ns or [ns, tz] or [ns, tz, layout].</summary>
internal static class TimeArgs
{
    private const string Expected = "either number (ns) or [number (ns), string (tz)]";

    public static (GoTime Time, string Layout) Read(string builtin, Value operand, int index)
    {
        Value nanos;
        var zone = TimeZoneInfo.Utc;
        var layout = "RFC3339Nano";
        switch (operand)
        {
            case NumberValue:
                nanos = operand;
                break;
            case ArrayValue { Count: > 0 } array:
                nanos = array[0];
                if (array.Count > 1)
                {
                    var tz = array[1] as StringValue ?? throw BuiltinException.TypeError(builtin, index, "string", array[1]);
                    zone = Zone(builtin, tz.Value);
                }

                if (array.Count > 2)
                {
                    layout = (array[2] as StringValue ?? throw BuiltinException.TypeError(builtin, index, "string", array[2])).Value;
                }

                break;
            default:
                throw BuiltinException.TypeError(builtin, index, Expected, operand);
        }

        var number = nanos as NumberValue ?? throw BuiltinException.TypeError(builtin, index, "number", nanos);
        if (!number.TryGetInt64(out var ns))
        {
            throw BuiltinException.Error(builtin, "timestamp too big");
        }

        return (new GoTime(ns, zone), GoLayout.Resolve(layout));
    }

    public static TimeZoneInfo Zone(string builtin, string name)
    {
        if (name is "" or "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (name == "Local")
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw BuiltinException.Error(builtin, $"unknown time zone {name}");
        }
    }

    public static NumberValue InRange(string builtin, BigInteger nanos) =>
        nanos >= long.MinValue && nanos <= long.MaxValue
            ? NumberValue.From((long)nanos)
            : throw BuiltinException.Error(builtin, "time outside of valid range");
}
