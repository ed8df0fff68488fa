using System.Diagnostics.Metrics;
using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>Sums every AgentGate.Budgets measurement of one service provider, by instrument name.</summary>
internal sealed class MetricTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _totals = new(StringComparer.Ordinal);

    public MetricTotals(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BudgetMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(i.Name, v));
        _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Add(i.Name, v));
        _listener.Start();
    }

    public double this[string name]
    {
        get
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(name);
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string name, double value)
    {
        lock (_totals)
        {
            _totals[name] = _totals.GetValueOrDefault(name) + value;
        }
    }
}
