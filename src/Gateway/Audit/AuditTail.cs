using System.Text;

namespace AgentGate.Gateway.Audit;

/// <summary>Finds the chain head of an existing file by reading only its end.</summary>
internal static class AuditTail
{
    public static string ReadLastHash(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        for (var window = 64 * 1024L; ; window *= 4)
        {
            var start = Math.Max(0, length - window);
            stream.Position = start;
            var buffer = new byte[length - start];
            stream.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n', '\r');
            if (text.Length == 0)
            {
                return string.Empty;
            }

            var newline = text.LastIndexOf('\n');
            if (newline >= 0 || start == 0)
            {
                return AuditCodec.Parse(text[(newline + 1)..]).Hash;
            }
        }
    }
}
