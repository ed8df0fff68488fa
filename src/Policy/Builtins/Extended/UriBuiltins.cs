using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>
/// uri.parse and uri.is_valid (OPA 1.x): Go's URL parsing; parse returns only the parts present (scheme,
/// hostname, port, path with raw_path, raw_query, fragment).
/// </summary>
[BuiltinGroup]
internal static class UriBuiltins
{
    private const string ParseName = "uri.parse";

    internal static void Register(BuiltinTable t)
    {
        t.Add(ParseName, 1, static (_, a) =>
        {
            GoUrl url;
            try
            {
                url = GoUrl.Parse(BuiltinArgs.String(ParseName, a, 0));
            }
            catch (FormatException ex)
            {
                throw BuiltinException.Error(ParseName, ex.Message);
            }

            var parts = new Dictionary<Value, Value>();
            void Put(string key, string value)
            {
                if (value.Length > 0)
                {
                    parts[StringValue.From(key)] = StringValue.From(value);
                }
            }

            Put("scheme", url.Scheme);
            Put("hostname", url.Hostname);
            Put("port", url.Port);
            if (url.Path.Length > 0)
            {
                Put("path", url.Path);
                Put("raw_path", url.RawPath.Length > 0 ? url.RawPath : url.Path);
            }

            Put("raw_query", url.RawQuery);
            Put("fragment", url.Fragment);
            return ObjectValue.From(parts);
        });
        t.Add("uri.is_valid", 1, static (_, a) =>
        {
            if (a[0] is not StringValue { Value.Length: > 0 } s)
            {
                return BooleanValue.False;
            }

            try
            {
                GoUrl.Parse(s.Value);
                return BooleanValue.True;
            }
            catch (FormatException)
            {
                return BooleanValue.False;
            }
        });
    }
}
