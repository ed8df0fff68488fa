using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Serves a local bare repository by running <c>git http-backend</c> as a CGI program: the request (with
/// <paramref name="prefix"/> replayed before <c>body</c>, the rest of the request body or its spooled copy) goes to its stdin, its stdout becomes the response.
/// </summary>
internal sealed class GitHttpBackend(string gitExecutable = "git")
{
    /// <remarks><c>Content-Length</c> is the whole body's: the prefix was read from it.</remarks>
    /// <returns>The CGI status written to the response, or null when the backend gave no valid response.</returns>
    public async Task<int?> ServeAsync(HttpContext context, GitRepo repo, string path, string remoteUser, byte[] prefix, Stream body, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var psi = new ProcessStartInfo(gitExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("http-backend");
        var env = psi.Environment;
        env["GIT_PROJECT_ROOT"] = Path.GetDirectoryName(repo.LocalPath)!;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        env["SERVER_PROTOCOL"] = "HTTP/1.1";
        env["REQUEST_METHOD"] = request.Method;
        env["PATH_INFO"] = "/" + Path.GetFileName(repo.LocalPath) + "/" + path;
        env["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        env["CONTENT_TYPE"] = request.ContentType ?? string.Empty;
        env["REMOTE_USER"] = remoteUser;
        env["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        if (request.ContentLength is { } length)
        {
            env["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            env["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            env["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start git http-backend");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var input = FeedAsync(process.StandardInput.BaseStream, prefix, body, cancellationToken);
            var headers = await CgiHeaders.ReadAsync(process.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
            if (headers is null)
            {
                await input.ConfigureAwait(false);
                return null;
            }

            context.Response.StatusCode = headers.Status;
            foreach (var (name, value) in headers.Headers)
            {
                context.Response.Headers.Append(name, value);
            }

            await context.Response.Body.WriteAsync(headers.BodyStart, cancellationToken).ConfigureAwait(false);
            await process.StandardOutput.BaseStream.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
            await input.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            return headers.Status;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task FeedAsync(Stream stdin, byte[] prefix, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            await stdin.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
            await body.CopyToAsync(stdin, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The backend stopped reading (it answered early); its response says why.
        }
        finally
        {
            await stdin.DisposeAsync().ConfigureAwait(false);
        }
    }
}
