using System.Net;

namespace AgentGate.Gateway.Budgets;

/// <summary>An upstream response body read through a <see cref="BudgetedSseStream"/>; same headers, unknown length.</summary>
internal sealed class BudgetedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly StreamGuard _guard;

    public BudgetedContent(HttpContent inner, StreamGuard guard)
    {
        _inner = inner;
        _guard = guard;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>Only an uncompressed event stream of unknown length can be cut and re-framed.</summary>
    public static bool Applies(HttpContent content) =>
        content.Headers.ContentType?.MediaType is "text/event-stream"
        && content.Headers.ContentLength is null
        && content.Headers.ContentEncoding.Count == 0;

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BudgetedSseStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _guard);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
