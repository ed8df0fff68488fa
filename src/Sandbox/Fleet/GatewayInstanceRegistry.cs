using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// Which gateway instances on this host are alive: a running gateway holds an exclusive lock on
/// <c>&lt;directory&gt;/&lt;instance&gt;.lock</c> for its lifetime (the kernel drops it when the process dies, however it
/// dies). Only ids this registry issues (<c>gw-</c> + 12 hex digits) are ever judged dead, so fleets labelled by hand
/// or by tests are never reaped.
/// </summary>
public sealed partial class GatewayInstanceRegistry
{
    public const string EnvironmentVariable = "AGENTGATE_INSTANCE_DIR";

    /// <param name="directory">Lock directory; default $AGENTGATE_INSTANCE_DIR, else agentgate-gateways in the temp directory.</param>
    public GatewayInstanceRegistry(string? directory = null) =>
        Directory = directory
            ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : Path.Combine(Path.GetTempPath(), "agentgate-gateways"));

    public string Directory { get; }

    public static bool IsIssuedId(string instance) => IdRegex().IsMatch(instance);

    /// <summary>Creates a new instance id and holds its lock until the lease is disposed.</summary>
    public GatewayInstanceLease Acquire()
    {
        var id = "gw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var path = PathFor(id);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            return new GatewayInstanceLease(id, path, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"cannot hold the gateway instance lock '{path}' ({ex.Message}); set AgentGate:Sandbox:InstanceDirectory or {EnvironmentVariable} to a writable directory", ex);
        }
    }

    /// <summary>
    /// True for an instance whose lock is held, and for every id this registry did not issue (it cannot judge those);
    /// false for an issued id whose gateway is gone. A stale lock file of a dead gateway is removed.
    /// </summary>
    public bool IsAlive(string instance)
    {
        if (!IsIssuedId(instance)) return true;
        var path = PathFor(instance);
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            File.Delete(path);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // locked: its gateway is running
        }
        catch (UnauthorizedAccessException)
        {
            return true; // another user's gateway: this process cannot judge it
        }
    }

    private string PathFor(string id) => Path.Combine(Directory, id + ".lock");

    [GeneratedRegex("^gw-[0-9a-f]{12}$")]
    private static partial Regex IdRegex();
}
