using System.Text;
using AgentGate.Gateway.Guards.Leaks;

namespace AgentGate.Gateway.Tests.Guards.Leaks;

public sealed class LeakScannerTests
{
    private const string Secret = "s3cr3t-T0ken+/value==xyz";
    private static readonly RegisteredSecret Registered = new("github-bot", Secret, ["api.github.com"]);

    private static LeakFinding? ScanOnce(string body, string? host = "evil.example.com", LeakScannerOptions? options = null) =>
        new LeakScanner([Registered], options).StartScan(host).Scan(Encoding.UTF8.GetBytes(body), final: true);

    [Fact]
    public void Scan_PlainSecret_FoundWithoutValue()
    {
        var f = ScanOnce($"{{\"token\":\"{Secret}\"}}");
        Assert.Equal("registered-secret", f!.Kind);
        Assert.Equal("github-bot", f.SecretName);
        Assert.DoesNotContain(Secret, f.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SecretToItsOwnUpstream_NotAFinding() => Assert.Null(ScanOnce($"token={Secret}", "api.github.com"));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    public void Scan_Base64AnyAlignment_Found(string prefix)
    {
        var data = Encoding.UTF8.GetBytes(prefix + Secret + "tail");
        Assert.Equal("base64", ScanOnce("x=" + Convert.ToBase64String(data))?.Encoding);
        Assert.StartsWith("base64", ScanOnce("x=" + Convert.ToBase64String(data).Replace('+', '-').Replace('/', '_'))?.Encoding, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_UrlEncoded_Found() => Assert.Equal("url-encoded", ScanOnce("q=" + Uri.EscapeDataString(Secret))?.Encoding);

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "aws-access-key-id")]
    [InlineData("key ASIAY34FZKBOKMUTVV7A", "aws-access-key-id")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345", "github-token")]
    [InlineData("ghs_0123456789abcdefghijABCDEFGHIJ012345", "github-token")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github-token")]
    [InlineData("glpat-abcdefghij0123456789", "gitlab-token")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl", "private-key")]
    [InlineData("-----BEGIN PRIVATE KEY-----", "private-key")]
    [InlineData("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "anthropic-api-key")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123", "openai-api-key")]
    [InlineData("Bearer sk-abcdefghijklmnopqrstuvwxyz0123", "openai-api-key")]
    [InlineData("xoxb-1234567890-abcdefghij", "slack-token")]
    public void Scan_KnownPattern_Found(string body, string kind) => Assert.Equal(kind, ScanOnce(body)?.Kind);

    [Theory]
    [InlineData("AKIA short")]
    [InlineData("task-abcdefghijklmnopqrstuvwxyz")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    [InlineData("ghp_short")]
    [InlineData("plain text with no secrets")]
    public void Scan_LookAlike_NotAFinding(string body) => Assert.Null(ScanOnce(body));

    private static string Jwt(string payloadJson)
    {
        static string B(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B(payloadJson) + "." + new string('s', 43);
    }

    [Fact]
    public void Scan_JwtForOtherAudience_Found() =>
        Assert.Equal("jwt-wrong-audience", ScanOnce("Authorization: Bearer " + Jwt("{\"aud\":\"internal.corp\",\"sub\":\"x\"}"))?.Kind);

    [Fact]
    public void Scan_JwtForDestination_NotAFinding() =>
        Assert.Null(ScanOnce("Bearer " + Jwt("{\"aud\":\"https://evil.example.com/\"}")));

    [Fact]
    public void Scan_SecretSplitAcrossChunks_Found()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 10_000) + Secret + new string('y', 20_000));
        var session = new LeakScanner([Registered]).StartScan("evil.example.com");
        LeakFinding? f = null;
        for (var offset = 0; offset < body.Length && f is null; offset += 7)
        {
            f = session.Scan(body.AsSpan(offset, Math.Min(7, body.Length - offset)), final: offset + 7 >= body.Length);
        }

        Assert.Equal("github-bot", f?.SecretName);
    }

    [Fact]
    public void Scan_TokenAtVeryEndInSmallChunks_FoundOnFinal()
    {
        var session = new LeakScanner([Registered]).StartScan(null);
        Assert.Null(session.Scan("prefix ghp_0123456789abcdefghij"u8));
        Assert.Equal("github-token", session.Scan("ABCDEFGHIJ012345"u8, final: true)?.Kind);
    }

    [Fact]
    public void Scan_OverLimitRefuse_Finding()
    {
        var f = ScanOnce(new string('x', 200), options: new LeakScannerOptions { MaxScanBytes = 100 });
        Assert.Equal("scan-limit-exceeded", f?.Kind);
    }

    [Fact]
    public void Scan_OverLimitPass_SecretBeyondLimitIgnored() =>
        Assert.Null(ScanOnce(new string('x', 200) + Secret, options: new LeakScannerOptions { MaxScanBytes = 100, OverLimit = OverLimitPolicy.Pass }));

    [Fact]
    public void Constructor_ShortSecret_Throws() =>
        Assert.Throws<ArgumentException>(() => new LeakScanner([new RegisteredSecret("x", "short", [])]));

    [Fact]
    public void Scan_LargeBody_LinearAndClean()
    {
        var session = new LeakScanner([Registered]).StartScan("evil.example.com");
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("sk-a eyJx AKIA ghp_ ", 3000)));
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(session.Scan(chunk));
        }
    }
}
