using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Approvals;

internal sealed partial class FileApprovalRepository
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private void Append(Approval approval)
    {
        _file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(approval, Json) + "\n"));
        _file.Flush(flushToDisk: true);
        _lines++;
    }

    /// <summary>
    /// Replays the file. Only the last line may be unreadable (a write cut short by a crash: the caller never got
    /// an answer, so nothing was let through on it); it is skipped, and the original file is kept as
    /// <c>{path}.torn</c>. An unreadable line before the last stops the start with an error naming the line,
    /// because dropping it could forget a consumption or a denial.
    /// </summary>
    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        var lines = File.ReadAllLines(_path, Encoding.UTF8);
        var last = Array.FindLastIndex(lines, l => l.Length > 0);
        for (var i = 0; i <= last; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (Parse(lines[i]) is { } approval)
            {
                _memory.Put(approval);
            }
            else if (i == last)
            {
                SkippedLines = 1;
                File.Copy(_path, _path + ".torn", overwrite: true);
                Log.TornLastLine(_logger, _path, i + 1, _path + ".torn");
            }
            else
            {
                throw new InvalidDataException(
                    $"approvals file '{_path}' line {i + 1} is not a readable approval; earlier and later lines are intact. "
                    + "Remove or repair that line to start (removing it forgets that approval's change).");
            }
        }
    }

    private static Approval? Parse(string line)
    {
        try
        {
            var approval = JsonSerializer.Deserialize<Approval>(line, Json);
            return approval is { Id.Length: > 0 } ? approval : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Rewrites the file with the approvals still within retention, atomically, and opens it for appending.</summary>
    private FileStream Compact()
    {
        var now = _time.GetUtcNow();
        var temporary = _path + ".tmp";
        var kept = 0;
        using (var writer = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var approval in _memory.List().OrderBy(a => a.CreatedAt))
            {
                if (approval.ExpiresAt + ApprovalRetention.AfterExpiry <= now)
                {
                    _memory.Remove(approval.Id);
                    continue;
                }

                writer.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(approval, Json) + "\n"));
                kept++;
            }

            writer.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
        _lines = kept;
        return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Compaction while serving: on failure the current file stays as it is and appending goes on.</summary>
    private FileStream CompactOrReopen()
    {
        try
        {
            return Compact();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CompactionFailed(_logger, _path, ex);
            return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Approvals file {Path}: line {Line}, the last, is torn (a write cut short) and was skipped; the original file is kept as {Copy}")]
        public static partial void TornLastLine(ILogger logger, string path, int line, string copy);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Compacting the approvals file {Path} failed; appending to it as it is")]
        public static partial void CompactionFailed(ILogger logger, string path, Exception exception);
    }
}
