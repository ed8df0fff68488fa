using System.Globalization;
using System.Numerics;
using System.Text;

namespace AgentGate.Policy.Values;

public sealed partial class NumberValue
{
    public bool TryGetInt64(out long value)
    {
        switch (_rep)
        {
            case Rep.Small:
                value = _small;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    public bool TryGetInt32(out int value)
    {
        if (_rep == Rep.Small && _small is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)_small;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The integer value, or null when the number is not integral.</summary>
    public BigInteger? AsBigInteger() => _rep switch
    {
        Rep.Small => new BigInteger(_small),
        Rep.Big => _big,
        _ => null,
    };

    public double ToDouble() => _rep switch
    {
        Rep.Small => _small,
        Rep.Big => (double)_big,
        Rep.Dec => (double)_dec,
        _ => _dbl,
    };

    /// <summary>The value as a decimal, or null when it does not fit.</summary>
    public decimal? ToDecimal()
    {
        switch (_rep)
        {
            case Rep.Small:
                return _small;
            case Rep.Big:
                return _big >= new BigInteger(decimal.MinValue) && _big <= new BigInteger(decimal.MaxValue) ? (decimal)_big : null;
            case Rep.Dec:
                return _dec;
            default:
                if (double.IsFinite(_dbl) && Math.Abs(_dbl) < 7.9e28)
                {
                    try
                    {
                        return (decimal)_dbl;
                    }
                    catch (OverflowException)
                    {
                        return null;
                    }
                }

                return null;
        }
    }

    public static NumberValue Add(NumberValue a, NumberValue b)
    {
        if (a._rep == Rep.Small && b._rep == Rep.Small)
        {
            var r = a._small + b._small;
            if (((a._small ^ r) & (b._small ^ r)) >= 0)
            {
                return From(r);
            }
        }

        if (a.IsInteger && b.IsInteger)
        {
            return From(a.Big + b.Big);
        }

        return Combine(a, b, static (x, y) => x + y, static (x, y) => x + y);
    }

    public static NumberValue Subtract(NumberValue a, NumberValue b)
    {
        if (a._rep == Rep.Small && b._rep == Rep.Small)
        {
            var r = a._small - b._small;
            if (((a._small ^ b._small) & (a._small ^ r)) >= 0)
            {
                return From(r);
            }
        }

        if (a.IsInteger && b.IsInteger)
        {
            return From(a.Big - b.Big);
        }

        return Combine(a, b, static (x, y) => x - y, static (x, y) => x - y);
    }

    public static NumberValue Multiply(NumberValue a, NumberValue b)
    {
        if (a.IsInteger && b.IsInteger)
        {
            return From(a.Big * b.Big);
        }

        return Combine(a, b, static (x, y) => x * y, static (x, y) => x * y);
    }

    /// <summary>Divides; returns null on division by zero.</summary>
    public static NumberValue? Divide(NumberValue a, NumberValue b)
    {
        if (b.IsZero)
        {
            return null;
        }

        if (a.IsInteger && b.IsInteger)
        {
            var q = BigInteger.DivRem(a.Big, b.Big, out var rem);
            if (rem.IsZero)
            {
                return From(q);
            }
        }

        return Combine(a, b, static (x, y) => x / y, static (x, y) => x / y);
    }

    /// <summary>Remainder with the sign of the dividend; returns null on division by zero.</summary>
    public static NumberValue? Remainder(NumberValue a, NumberValue b)
    {
        if (b.IsZero)
        {
            return null;
        }

        if (a.IsInteger && b.IsInteger)
        {
            return From(BigInteger.Remainder(a.Big, b.Big));
        }

        return Combine(a, b, static (x, y) => x % y, static (x, y) => x % y);
    }

    public static NumberValue Negate(NumberValue a) => a._rep switch
    {
        Rep.Small when a._small != long.MinValue => From(-a._small),
        Rep.Small or Rep.Big => From(-a.Big),
        Rep.Dec => new NumberValue(-a._dec),
        _ => new NumberValue(-a._dbl),
    };

    public bool IsZero => _rep switch
    {
        Rep.Small => _small == 0,
        Rep.Big => _big.IsZero,
        Rep.Dec => _dec == 0,
        _ => _dbl == 0,
    };

    public int Sign => _rep switch
    {
        Rep.Small => Math.Sign(_small),
        Rep.Big => _big.Sign,
        Rep.Dec => Math.Sign(_dec),
        _ => Math.Sign(_dbl),
    };

    private BigInteger Big => _rep == Rep.Small ? new BigInteger(_small) : _big;

    private static NumberValue Combine(NumberValue a, NumberValue b, Func<decimal, decimal, decimal> dec, Func<double, double, double> dbl)
    {
        var x = a.ToDecimal();
        var y = b.ToDecimal();
        if (x.HasValue && y.HasValue)
        {
            try
            {
                return From(dec(x.Value, y.Value));
            }
            catch (OverflowException)
            {
                // Fall through to double precision.
            }
        }

        return From(dbl(a.ToDouble(), b.ToDouble()));
    }

    public override bool Equals(Value? other) => other is NumberValue n && CompareNumbers(this, n) == 0;

    public override int GetHashCode() => _rep switch
    {
        Rep.Small => _small.GetHashCode(),
        Rep.Big => _big.GetHashCode(),
        _ => ToDouble().GetHashCode(),
    };

    private protected override int CompareSameKind(Value other) => CompareNumbers(this, (NumberValue)other);

    private static int CompareNumbers(NumberValue a, NumberValue b)
    {
        if (a._rep == Rep.Small && b._rep == Rep.Small)
        {
            return a._small.CompareTo(b._small);
        }

        if (a.IsInteger && b.IsInteger)
        {
            return a.Big.CompareTo(b.Big);
        }

        var x = a.ToDecimal();
        var y = b.ToDecimal();
        if (x.HasValue && y.HasValue)
        {
            return x.Value.CompareTo(y.Value);
        }

        return a.ToDouble().CompareTo(b.ToDouble());
    }

    /// <summary>OPA's JSON text of the number.</summary>
    public override string ToString() => _rep switch
    {
        Rep.Small => _small.ToString(CultureInfo.InvariantCulture),
        Rep.Big => _big.ToString(CultureInfo.InvariantCulture),
        Rep.Dec => _dec.ToString(CultureInfo.InvariantCulture),
        _ => FormatDouble(_dbl),
    };

    private static string FormatDouble(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return s;
        }

        var exp = s[(e + 1)..];
        if (exp.StartsWith('+'))
        {
            exp = exp[1..];
        }

        return string.Concat(s.AsSpan(0, e), "e", exp.StartsWith('-') ? exp : "+" + exp);
    }

    internal override void WriteRego(StringBuilder sb) => sb.Append(ToString());
}
