using AgentGate.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Hosting;

public sealed class GatewayHostLoggingTests : IDisposable
{
    private const string ForwarderCategory = "Yarp.ReverseProxy.Forwarder.HttpForwarder";
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-logging-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Build_DefaultLogging_ForwarderInformationLinesOff()
    {
        await using var app = GatewayHost.Build(Options(null));

        Assert.False(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ForwarderCategory).IsEnabled(LogLevel.Information));
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ForwarderCategory).IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task Build_ConfigTurnsYarpOn_ForwarderInformationLinesOn()
    {
        await using var app = GatewayHost.Build(Options("Information"));

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ForwarderCategory).IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Build_DefaultLogging_HostingDiagnosticsOffSoNoActivityPerRequest()
    {
        await using var app = GatewayHost.Build(Options(null));

        // ASP.NET Core starts an Activity and a log scope per request whenever this is enabled at any level.
        Assert.False(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingCategory).IsEnabled(LogLevel.Critical));
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentGate.Gateway.Proxy.LlmProxyHandler").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Build_ConfigTurnsHostingDiagnosticsOn_RequestLinesOn()
    {
        await using var app = GatewayHost.Build(Options(null, hostingLevel: "Information"));

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingCategory).IsEnabled(LogLevel.Information));
    }

    private GatewayHostOptions Options(string? yarpLevel, string? hostingLevel = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Listeners:Agent"] = "http://127.0.0.1:0",
            ["AgentGate:Listeners:Admin"] = "http://127.0.0.1:0",
            ["AgentGate:Agents:a:Role"] = "builder",
            ["AgentGate:Audit:Path"] = Path.Combine(_directory, "audit.jsonl"),
        };
        if (yarpLevel is not null)
        {
            settings["Logging:LogLevel:Yarp"] = yarpLevel;
        }

        if (hostingLevel is not null)
        {
            settings[GatewayHost.HostingDiagnosticsLevelKey] = hostingLevel;
        }

        // A provider, so IsEnabled reflects the filter rules rather than "nobody listens".
        return new GatewayHostOptions { Settings = settings, ConfigureLogging = logging => logging.ClearProviders().AddProvider(new EnabledProvider()) };
    }

    private sealed class EnabledProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
