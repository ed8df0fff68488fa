using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>providers.aws.sign_req: AWS Signature Version 4 (Authorization header, single chunk).</summary>
[BuiltinGroup]
internal static class AwsSignBuiltins
{
    private const string Name = "providers.aws.sign_req";
    private static readonly string[] Required = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "authorization", "user-agent", "x-amzn-trace-id" };

    internal static void Register(BuiltinTable t) => t.Add(Name, 3, Sign);

    private static Value? Sign(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        var request = BuiltinArgs.Object(Name, a, 0);
        var config = BuiltinArgs.Object(Name, a, 1);
        string Config(string key) => config.Get(StringValue.From(key)) is StringValue s ? s.Value : string.Empty;
        var missing = Required.Where(k => config.Get(StringValue.From(k)) is null).ToList();
        if (missing.Count > 0)
        {
            throw BuiltinException.Error(Name, $"operand 2 missing required AWS config parameters(s): {SetText(missing)}");
        }

        var invalid = Required.Where(k => config.Get(StringValue.From(k)) is not StringValue).ToList();
        if (invalid.Count > 0)
        {
            throw BuiltinException.Error(Name, $"operand 2 invalid values for required AWS config parameters(s): {SetText(invalid)}");
        }

        if (!BuiltinArgs.Number(Name, a, 2).TryGetInt64(out var ns))
        {
            throw BuiltinException.Error(Name, "operand 3 could not convert time_ns value into a unix timestamp");
        }

        if (request.Get(StringValue.From("url")) is not StringValue url || request.Get(StringValue.From("method")) is not StringValue method)
        {
            throw BuiltinException.Error(Name, "operand 1 invalid values for required request parameters(s): {\"method\", \"url\"}");
        }

        var headers = request.Get(StringValue.From("headers")) switch
        {
            null => ObjectValue.Empty,
            ObjectValue o => o,
            var other => throw BuiltinException.TypeError(Name, 1, "object", other),
        };
        var unsigned = config.Get(StringValue.From("disable_payload_signing")) switch
        {
            null => false,
            BooleanValue b => b.Value,
            _ => throw BuiltinException.Error(Name, "operand 2 invalid value for 'disable_payload_signing' in AWS config"),
        };
        var body = request.Get(StringValue.From("raw_body")) is { } raw ? (raw as StringValue)?.Value ?? string.Empty
            : request.Get(StringValue.From("body")) is { } json ? GoJson.Serialize(json) : string.Empty;
        var time = DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
        var (host, path, query) = SplitUrl(url.Value);
        var service = Config("aws_service");
        var region = Config("aws_region");
        var payloadHash = unsigned ? "UNSIGNED-PAYLOAD" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var date = time.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var awsHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = stamp };
        if (service is "s3" or "glacier" || unsigned)
        {
            awsHeaders["x-amz-content-sha256"] = payloadHash;
        }

        if (Config("aws_session_token") is { Length: > 0 } token)
        {
            awsHeaders["x-amz-security-token"] = token;
        }

        var original = headers.Pairs.Select(p => (Key: Text(p.Key), Value: Text(p.Value))).ToList();
        var toSign = new SortedDictionary<string, string>(awsHeaders, StringComparer.Ordinal);
        foreach (var (key, value) in original.Where(h => !Ignored.Contains(h.Key.ToLowerInvariant())))
        {
            toSign[key.ToLowerInvariant()] = value;
        }

        var canonical = new StringBuilder().Append(method.Value).Append('\n').Append(path).Append('\n').Append(query).Append('\n');
        foreach (var (key, value) in toSign)
        {
            canonical.Append(key).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', toSign.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var signingKey = Mac(Encoding.UTF8.GetBytes("AWS4" + Config("aws_secret_access_key")), date);
        foreach (var part in new[] { region, service, "aws4_request" })
        {
            signingKey = Mac(signingKey, part);
        }

        var signature = Convert.ToHexStringLower(Mac(signingKey, stringToSign));
        var authorization = $"AWS4-HMAC-SHA256 Credential={Config("aws_access_key")}/{scope},SignedHeaders={signedHeaders},Signature={signature}";
        var outHeaders = original.Select(h => new KeyValuePair<Value, Value>(StringValue.From(h.Key), StringValue.From(h.Value)))
            .Append(new(StringValue.From("Authorization"), StringValue.From(authorization)))
            .Concat(awsHeaders.Select(h => new KeyValuePair<Value, Value>(StringValue.From(h.Key), StringValue.From(h.Value))));
        return request.With(StringValue.From("headers"), ObjectValue.From(outHeaders));
    }

    private static byte[] Mac(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));

    private static string Text(Value v) => v is StringValue s ? s.Value : string.Empty;

    private static string SetText(IEnumerable<string> items) => "{" + string.Join(", ", items.Select(i => "\"" + i + "\"")) + "}";

    /// <summary>Host (with any port, as written), escaped path and raw query, like Go's url.URL fields.</summary>
    private static (string Host, string Path, string Query) SplitUrl(string url)
    {
        var rest = url;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            throw BuiltinException.Error(Name, $"parse \"{url}\": invalid URL");
        }

        rest = rest[(scheme + 3)..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var end = rest.IndexOfAny(['/', '?']);
        var authority = end < 0 ? rest : rest[..end];
        rest = end < 0 ? string.Empty : rest[end..];
        var at = authority.LastIndexOf('@');
        var host = at >= 0 ? authority[(at + 1)..] : authority;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (host, rest, string.Empty) : (host, rest[..q], rest[(q + 1)..]);
    }
}
