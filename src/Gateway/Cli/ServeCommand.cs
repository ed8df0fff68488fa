using System.CommandLine;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentGate.Gateway.Cli;

/// <summary><c>agentgate serve [--config FILE]</c>: run the gateway until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "JSON configuration file (default: the bundled defaults)" };
        var command = new Command("serve", "Run the gateway (agent and admin listeners)") { config };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? configFile, CancellationToken cancellationToken)
    {
        if (configFile is { Exists: false })
        {
            await Console.Error.WriteLineAsync($"configuration file '{configFile.FullName}' does not exist");
            return 2;
        }

        WebApplication app;
        try
        {
            app = GatewayHost.Build(new GatewayHostOptions { ConfigFile = configFile?.FullName, UseEmbeddedDefaults = configFile is null });
        }
        catch (ConfigurationInvalidException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        await app.StartAsync(cancellationToken);
        var bindings = app.Services.GetRequiredService<ListenerBindings>();
        Console.WriteLine($"agent listener: {bindings.Describe(ListenerKind.Agent)}");
        Console.WriteLine($"admin listener: {bindings.Describe(ListenerKind.Admin)}");
        if (app.Services.GetRequiredService<Identity.AdminCredential>().TakeGeneratedToken() is { } token)
        {
            // Printed once, never logged: set AgentGate:AdminToken (env:/file:) to keep a stable one.
            Console.WriteLine($"admin token (generated, shown once): {token}");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        await app.DisposeAsync();
        return 0;
    }
}
