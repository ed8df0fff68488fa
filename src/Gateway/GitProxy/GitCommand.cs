using System.Diagnostics;

namespace AgentGate.Gateway.GitProxy;

/// <summary>Starts the git CLI with redirected standard streams, no system config and no prompts.</summary>
internal static class GitCommand
{
    /// <param name="objectDirectory">When set, git reads (and writes) objects only there: no alternates.</param>
    public static Process Start(string gitExecutable, IEnumerable<string> args, string? objectDirectory = null, string? alternates = null)
    {
        var psi = new ProcessStartInfo(gitExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment.Remove("GIT_OBJECT_DIRECTORY");
        psi.Environment.Remove("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        if (objectDirectory is not null)
        {
            psi.Environment["GIT_OBJECT_DIRECTORY"] = objectDirectory;
        }

        if (alternates is not null)
        {
            psi.Environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = alternates;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start git");
    }

    /// <summary>Kills a git process that is still running (the caller stopped reading early or was cancelled).</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
