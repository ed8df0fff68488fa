using System.Text;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.GitProxy;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Tests.GitProxy;

public sealed class GitProxyPartsTests
{
    [Fact]
    public async Task CgiHeaders_StatusAndHeaders_ParsedAndBodyStartKept()
    {
        var raw = "Status: 403 Forbidden\r\nContent-Type: text/plain\r\nExpires: never\r\n\r\nbody"u8.ToArray();

        var headers = await CgiHeaders.ReadAsync(new MemoryStream(raw), CancellationToken.None);

        Assert.NotNull(headers);
        Assert.Equal(403, headers.Status);
        Assert.Equal([new("Content-Type", "text/plain"), new("Expires", "never")], headers.Headers);
        Assert.Equal("body", Encoding.ASCII.GetString(headers.BodyStart));
    }

    [Fact]
    public async Task CgiHeaders_LfOnlyWithoutStatus_Defaults200()
    {
        var headers = await CgiHeaders.ReadAsync(new MemoryStream("Content-Type: x\n\n0000"u8.ToArray()), CancellationToken.None);

        Assert.Equal((200, "0000"), (headers!.Status, Encoding.ASCII.GetString(headers.BodyStart)));
    }

    [Fact]
    public async Task CgiHeaders_NoBlankLine_Null()
    {
        Assert.Null(await CgiHeaders.ReadAsync(new MemoryStream("Content-Type: x\r\n"u8.ToArray()), CancellationToken.None));
    }

    [Fact]
    public void Catalog_ValidRepos_Read()
    {
        var catalog = GitRepoCatalog.Read(Config(new()
        {
            ["AgentGate:Git:Repos:app:Upstream"] = "file:///srv/git/app.git",
            ["AgentGate:Git:Repos:svc:Upstream"] = "https://git.example.com/org/svc.git",
            ["AgentGate:Git:Repos:svc:Secret"] = "env:GIT_TOKEN",
        }));

        Assert.Equal("/srv/git/app.git", catalog.Find("app")!.LocalPath);
        Assert.Equal(new SecretReference(SecretSource.Environment, "GIT_TOKEN"), catalog.Find("svc")!.Secret);
        Assert.False(catalog.Find("svc")!.IsLocal);
        Assert.Null(catalog.Find("other"));
    }

    [Theory]
    [InlineData("http://git.example.com/app.git", null, "AgentGate:Git:Repos:app:Upstream")]
    [InlineData("ssh://git.example.com/app.git", null, "AgentGate:Git:Repos:app:Upstream")]
    [InlineData("https://git.example.com/app.git", "plain-secret", "AgentGate:Git:Repos:app:Secret")]
    public void Catalog_BadRepo_ConfigurationErrorNamesKey(string upstream, string? secret, string key)
    {
        var ex = Assert.Throws<ConfigurationInvalidException>(() => GitRepoCatalog.Read(Config(new()
        {
            ["AgentGate:Git:Repos:app:Upstream"] = upstream,
            ["AgentGate:Git:Repos:app:Secret"] = secret,
        })));

        Assert.Equal(key, Assert.Single(ex.Errors).Key);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
