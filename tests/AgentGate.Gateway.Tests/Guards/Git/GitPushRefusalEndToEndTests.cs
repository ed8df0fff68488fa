using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.Tests.Guards.Git;

/// <summary>A real `git push` over smart HTTP to a loopback server that refuses with <see cref="ReceivePackRefusalWriter"/>.</summary>
public sealed class GitPushRefusalEndToEndTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agentgate-push-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false", "-c", "http.proxy=" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    [Fact]
    public async Task Push_RefusedByWriter_GitPrintsRemoteRejectedWithReason()
    {
        var bare = Path.Combine(_root, "repo.git");
        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(work);
        Assert.Equal(0, Run(_root, "init", "-q", "--bare", bare).Code);
        Assert.Equal(0, Run(work, "init", "-q", "-b", "main").Code);
        Assert.Equal(0, Run(work, "commit", "-q", "--allow-empty", "-m", "one").Code);

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        ReceivePackRequest? seen = null;
        var server = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var ctx = await listener.GetContextAsync().WaitAsync(cts.Token);
                var path = ctx.Request.Url!.AbsolutePath;
                if (ctx.Request.HttpMethod == "GET" && path.EndsWith("/info/refs", StringComparison.Ordinal))
                {
                    var adv = Run(_root, "receive-pack", "--stateless-rpc", "--advertise-refs", bare).Out;
                    ctx.Response.ContentType = "application/x-git-receive-pack-advertisement";
                    var bytes = PktLine.Encode("# service=git-receive-pack\n").Concat(PktLine.Flush).Concat(System.Text.Encoding.ASCII.GetBytes(adv)).ToArray();
                    await ctx.Response.OutputStream.WriteAsync(bytes, cts.Token);
                    ctx.Response.Close();
                }
                else if (ctx.Request.HttpMethod == "POST" && path.EndsWith("/git-receive-pack", StringComparison.Ordinal))
                {
                    seen = await ReceivePackRequestReader.ReadAsync(ctx.Request.InputStream, cts.Token);
                    var body = ReceivePackRefusalWriter.Build(seen, seen.Updates.ToDictionary(u => u.Ref, _ => "agentgate: pushes to main need approval"), ["AgentGate refused this push"]);
                    ctx.Response.ContentType = ReceivePackRefusalWriter.ContentType;
                    await ctx.Response.OutputStream.WriteAsync(body, cts.Token);
                    ctx.Response.Close();
                    return;
                }
                else
                {
                    ctx.Response.StatusCode = 404;
                    ctx.Response.Close();
                }
            }
        });

        var push = await Task.Run(() => Run(work, "push", $"http://127.0.0.1:{port}/repo.git", "main"));
        await server.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, push.Code);
        Assert.Contains("! [remote rejected] main -> main (agentgate: pushes to main need approval)", push.Err, StringComparison.Ordinal);
        Assert.Contains("remote: AgentGate refused this push", push.Err, StringComparison.Ordinal);
        Assert.NotNull(seen);
        Assert.True(Assert.Single(seen!.Updates).IsCreate);
    }
}
