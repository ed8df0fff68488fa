using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>crypto.x509.parse_and_verify_certificates[_with_options]: chain verification (first cert is the root, last the leaf).</summary>
[BuiltinGroup]
internal static class X509VerifyOptionsBuiltins
{
    private static readonly Dictionary<string, string> KeyUsages = new(StringComparer.Ordinal)
    {
        ["KeyUsageAny"] = "2.5.29.37.0",
        ["KeyUsageServerAuth"] = "1.3.6.1.5.5.7.3.1",
        ["KeyUsageClientAuth"] = "1.3.6.1.5.5.7.3.2",
        ["KeyUsageCodeSigning"] = "1.3.6.1.5.5.7.3.3",
        ["KeyUsageEmailProtection"] = "1.3.6.1.5.5.7.3.4",
        ["KeyUsageIPSECEndSystem"] = "1.3.6.1.5.5.7.3.5",
        ["KeyUsageIPSECTunnel"] = "1.3.6.1.5.5.7.3.6",
        ["KeyUsageIPSECUser"] = "1.3.6.1.5.5.7.3.7",
        ["KeyUsageTimeStamping"] = "1.3.6.1.5.5.7.3.8",
        ["KeyUsageOCSPSigning"] = "1.3.6.1.5.5.7.3.9",
        ["KeyUsageMicrosoftServerGatedCrypto"] = "1.3.6.1.4.1.311.10.3.3",
        ["KeyUsageNetscapeServerGatedCrypto"] = "2.16.840.1.113730.4.1",
        ["KeyUsageMicrosoftCommercialCodeSigning"] = "1.3.6.1.4.1.311.2.1.22",
        ["KeyUsageMicrosoftKernelCodeSigning"] = "1.3.6.1.4.1.311.61.1.1",
    };

    internal static void Register(BuiltinTable t)
    {
        const string Plain = "crypto.x509.parse_and_verify_certificates";
        const string WithOptions = "crypto.x509.parse_and_verify_certificates_with_options";
        t.Add(Plain, 1, (c, a) => Verify(Plain, BuiltinArgs.String(Plain, a, 0), new Options(c.Now, null, [])));
        t.Add(WithOptions, 2, (c, a) =>
        {
            var input = BuiltinArgs.String(WithOptions, a, 0);
            var options = ReadOptions(WithOptions, BuiltinArgs.Object(WithOptions, a, 1), c.Now);
            return Verify(WithOptions, input, options);
        });
    }

    private static Value Verify(string name, string input, Options options)
    {
        var invalid = ArrayValue.From(BooleanValue.False, ArrayValue.Empty);
        List<X509Certificate2> certs;
        try
        {
            certs = X509Builtins.Certificates(name, input);
        }
        catch (BuiltinException)
        {
            return invalid;
        }

        if (certs.Count < 2)
        {
            return invalid;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certs[0]);
        chain.ChainPolicy.ExtraStore.AddRange(certs.Skip(1).SkipLast(1).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = options.Time.UtcDateTime;
        foreach (var oid in options.Usages.Where(o => o != "2.5.29.37.0"))
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(oid));
        }

        var leaf = certs[^1];
        if (!chain.Build(leaf) || (options.DnsName is { } dns && !leaf.MatchesHostname(dns)))
        {
            return invalid;
        }

        return ArrayValue.From(BooleanValue.True, ArrayValue.From(chain.ChainElements.Select(e => (Value)X509Json.Certificate(e.Certificate))));
    }

    private static Options ReadOptions(string name, ObjectValue options, DateTimeOffset now)
    {
        var result = new Options(now, null, []);
        foreach (var (key, value) in options.Pairs)
        {
            if (key is not StringValue k)
            {
                continue;
            }

            switch (k.Value)
            {
                case "DNSName":
                    result = result with { DnsName = (value as StringValue ?? throw BuiltinException.Error(name, "'DNSName' should be a string")).Value.Trim('"') };
                    break;
                case "CurrentTime":
                    var n = value as NumberValue ?? throw BuiltinException.Error(name, "'CurrentTime' should be a number");
                    var ns = n.TryGetInt64(out var v) ? v : throw BuiltinException.Error(name, "'CurrentTime' should be a valid int64 number");
                    result = result with { Time = DateTimeOffset.UnixEpoch.AddTicks(ns / 100) };
                    break;
                case "MaxConstraintComparisons":
                    if (value is not NumberValue { IsInteger: true })
                    {
                        throw BuiltinException.Error(name, "'MaxConstraintComparisons' should be a number");
                    }

                    break;
                case "KeyUsages":
                    var items = value switch
                    {
                        ArrayValue arr => arr.Items,
                        SetValue set => set.Items,
                        _ => throw BuiltinException.Error(name, "'KeyUsages' should be an Array or Set"),
                    };
                    var names = items.OfType<StringValue>().Select(s => s.Value.Trim('"')).ToList();
                    var unknown = names.Where(u => !KeyUsages.ContainsKey(u)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw BuiltinException.Error(name, $"invalid entries for 'KeyUsages' found: [{string.Join(' ', unknown)}]");
                    }

                    result = result with { Usages = names.Select(u => KeyUsages[u]).ToList() };
                    break;
                default:
                    throw BuiltinException.Error(name, "invalid key option");
            }
        }

        return result;
    }

    private sealed record Options(DateTimeOffset Time, string? DnsName, List<string> Usages);
}
