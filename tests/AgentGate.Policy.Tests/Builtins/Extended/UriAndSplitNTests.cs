using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class UriAndSplitNTests
{
    [Theory]
    [InlineData("a.b.c.d", ".", 2, """["a", "b"]""")]
    [InlineData("a.b.c.d", ".", 10, """["a", "b", "c", "d"]""")]
    [InlineData("a.b.c.d", ".", 0, "[]")]
    [InlineData("a.b.c.d", ".", -2, """["c", "d"]""")]
    [InlineData("a.b", ".", -5, """["a", "b"]""")]
    [InlineData("héllo", "", 3, """["h", "é", "l"]""")]
    [InlineData("abc", ",", 1, """["abc"]""")]
    public void SplitN_Limits_AsOpa(string s, string d, long n, string expected) =>
        Assert.Equal(J(expected), Builtin("strings.split_n", S(s), S(d), N(n)));

    [Fact]
    public void SplitN_FractionalCount_TypeError() =>
        Assert.Equal(BuiltinException.TypeErrorCode, Error("strings.split_n", S("a"), S("."), J("1.5")).Code);

    [Theory]
    [InlineData("https://user@example.com:8443/a%2Fb/c?x=1&y=2#frag",
        """{"scheme": "https", "hostname": "example.com", "port": "8443", "path": "/a/b/c", "raw_path": "/a%2Fb/c", "raw_query": "x=1&y=2", "fragment": "frag"}""")]
    [InlineData("http://[::1]:80/", """{"scheme": "http", "hostname": "::1", "port": "80", "path": "/", "raw_path": "/"}""")]
    [InlineData("/relative/path?q", """{"path": "/relative/path", "raw_path": "/relative/path", "raw_query": "q"}""")]
    [InlineData("mailto:someone@example.com", """{"scheme": "mailto"}""")]
    [InlineData("HTTP://Example.com", """{"scheme": "http", "hostname": "Example.com"}""")]
    public void UriParse_Parts_AsGo(string uri, string expected) =>
        Assert.Equal(J(expected), Builtin("uri.parse", S(uri)));

    [Theory]
    [InlineData("http://example.com:port/", "invalid port \":port\" after host")]
    [InlineData("http://[::1/", "missing ']' in host")]
    [InlineData(":nope", "missing protocol scheme")]
    [InlineData("a:b/c%zz", "")]
    [InlineData("/x%zz", "invalid URL escape \"%zz\"")]
    [InlineData("1a:b", "first path segment in URL cannot contain colon")]
    public void UriParse_Malformed_BuiltinErrorAndInvalid(string uri, string message)
    {
        if (message.Length == 0)
        {
            // An opaque URL (scheme, no slash) is not decoded, so a bad escape there is accepted.
            Assert.Equal(BooleanValue.True, Builtin("uri.is_valid", S(uri)));
            return;
        }

        var ex = Error("uri.parse", S(uri));
        Assert.Equal(BuiltinException.BuiltinErrorCode, ex.Code);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(BooleanValue.False, Builtin("uri.is_valid", S(uri)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void UriIsValid_EmptyOrNotString_False(string? text) =>
        Assert.Equal(BooleanValue.False, Builtin("uri.is_valid", text is null ? N(1) : S(text)));
}
