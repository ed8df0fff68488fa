using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Audit;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>
/// A real <c>agentgate serve</c> process (the built gateway next to the tests, run with <c>dotnet</c>) on
/// its own loopback ports, configured by a JSON file written for it. Killed on dispose.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    public const string AdminToken = "sim-admin-token";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, int agentPort, int adminPort, string auditPath)
    {
        _process = process;
        AuditPath = auditPath;
        Agent = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{agentPort}"), Timeout = TimeSpan.FromSeconds(90) };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public HttpClient Agent { get; }

    public HttpClient Admin { get; }

    public string AuditPath { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the gateway with <paramref name="agentGate"/> as the <c>AgentGate</c> section (listeners,
    /// admin token and audit path are filled in) and waits until <c>/readyz</c> answers.</summary>
    public static async Task<GatewayProcess> StartAsync(string directory, string name, Dictionary<string, object> agentGate)
    {
        var agentPort = RedisTestServer.FreePort();
        var adminPort = RedisTestServer.FreePort();
        var auditPath = Path.Combine(directory, $"audit-{name}.jsonl");
        agentGate["Listeners"] = new { Agent = $"http://127.0.0.1:{agentPort}", Admin = $"http://127.0.0.1:{adminPort}" };
        agentGate["AdminToken"] = "env:AG_SIM_ADMIN_TOKEN";
        agentGate["Audit"] = new { Path = auditPath };
        var configPath = Path.Combine(directory, $"agentgate-{name}.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new { AgentGate = agentGate }));
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "agentgate.dll"), "serve", "--config", configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.Environment["AG_SIM_ADMIN_TOKEN"] = AdminToken;
        info.Environment["AG_SIM_PROVIDER_KEY"] = "sk-ant-sim";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var gateway = new GatewayProcess(process, agentPort, adminPort, auditPath);
        process.OutputDataReceived += (_, e) => gateway.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitReadyAsync();
        return gateway;
    }

    public async Task<string> IssueTokenAsync(string agent)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/tokens", new { agent, ttlSeconds = 3600 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync() =>
        File.Exists(AuditPath)
            ? (await File.ReadAllLinesAsync(AuditPath)).Where(l => l.Length > 0).Select(AuditCodec.Parse).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        Admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"gateway exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Admin.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("gateway not ready after 60 s:\n" + Output);
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
