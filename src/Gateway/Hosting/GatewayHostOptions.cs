using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Hosting;

/// <summary>How to build a gateway host: from the CLI (file or embedded defaults) or in-process from a test.</summary>
internal sealed class GatewayHostOptions
{
    /// <summary>A JSON configuration file; when null and <see cref="UseEmbeddedDefaults"/> is set, the bundled defaults apply.</summary>
    public string? ConfigFile { get; init; }

    public bool UseEmbeddedDefaults { get; init; }

    /// <summary>Settings applied last (after file and environment), e.g. a test's configuration dictionary.</summary>
    public IDictionary<string, string?>? Settings { get; init; }

    /// <summary>Runs after the gateway's own registrations, so a test can replace TimeProvider or add gates.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
