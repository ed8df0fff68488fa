using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Metrics;

/// <summary>Every measurement of one meter of one service provider, with its tags, for asserting on instruments.</summary>
internal sealed class MeasurementLog : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Measured> _measurements = [];

    public MeasurementLog(IServiceProvider services, string meterName)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
        _listener.Start();
    }

    /// <summary>The measurements of one instrument so far (observable gauges are read first).</summary>
    public IReadOnlyList<Measured> Of(string instrument)
    {
        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            return _measurements.Where(m => m.Instrument == instrument).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = Convert.ToString(tagValue, System.Globalization.CultureInfo.InvariantCulture);
        }

        lock (_measurements)
        {
            _measurements.Add(new Measured(instrument, value, copy));
        }
    }

    internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? Tag(string key) => Tags.GetValueOrDefault(key);

        public override string ToString() => $"{Instrument}={Value} {{{string.Join(", ", Tags.Select(t => t.Key + "=" + t.Value))}}}";
    }
}
