using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SessionEffects.Properties.Facade;
using Xunit;

namespace SessionEffects.Properties.Diagnostics;

/// <summary>
/// What dashboards and log filters are built on: the meter's instruments (name, unit, description, the duration's
/// buckets), the logger categories, and when operations are measured at all. Runs in the process-wide collection
/// (nothing in parallel) because meters, listeners and the logger factory are process-wide.
/// </summary>
[Collection(ProcessRootCollection.Name)]
public sealed class InstrumentContractTests
{
    [Fact]
    public void The_meter_publishes_the_documented_instruments()
    {
        var published = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                // Pools add their own instruments (sessioneffects.pool.*) to the meter when the first pool is made;
                // the pool tests check those. These are the ones every process has.
                if (ReferenceEquals(instrument.Meter, Telemetry.Meter) && !instrument.Name.StartsWith("sessioneffects.pool.", StringComparison.Ordinal))
                {
                    published.Add(instrument);
                }
            };
            _ = Telemetry.Meter;
            listener.Start();
        }

        Assert.Equal(
            [
                ("sessioneffects.consumed_capacity", "{capacity_unit}", "Capacity units DynamoDB consumed, per session label, table, operation and read or write."),
                ("sessioneffects.mirror.dirty_keys", "{key}", "Keys owed to a mirror's secondary, per table."),
                ("sessioneffects.mirror.failures", "{item}", "Item states a secondary did not take, per table and secondary session label."),
                ("sessioneffects.mirror.writes", "{item}", "Item states (puts and deletes) mirrored to a secondary, per table and secondary session label."),
                ("sessioneffects.operation.duration", "s", "Duration of DynamoDB operations sent through SessionEffects, per table, operation and session label."),
                ("sessioneffects.operations", "{operation}", "DynamoDB operations sent through SessionEffects, per table, operation and session label."),
            ],
            published.Select(i => (i.Name, i.Unit, i.Description)).Distinct().OrderBy(i => i.Name, StringComparer.Ordinal));
        Assert.Equal([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10], Telemetry.OperationDuration.Advice?.HistogramBucketBoundaries);
        Assert.Equal(SessionEffectsDiagnostics.ActivitySourceName, Telemetry.Source.Name);
        Assert.Equal(SessionEffectsDiagnostics.MeterName, Telemetry.Meter.Name);
    }

    [Fact]
    public void Operations_are_measured_when_either_operation_instrument_is_listened_to()
    {
        Assert.False(Telemetry.Source.HasListeners(), "a test left an ActivityListener on SessionEffects");
        Assert.False(Telemetry.Observed);

        foreach (var instrument in new Instrument[] { Telemetry.OperationDuration, Telemetry.Operations })
        {
            using var listener = new MeterListener();
            listener.InstrumentPublished = (published, l) =>
            {
                if (ReferenceEquals(published, instrument))
                {
                    l.EnableMeasurementEvents(published);
                }
            };
            listener.Start();
            Assert.True(Telemetry.Observed, instrument.Name);
            Assert.False(Telemetry.Tracing);
        }

        Assert.False(Telemetry.Observed);
    }

    [Fact]
    public void Log_lines_go_to_three_categories_and_a_null_factory_means_none()
    {
        var before = SessionEffectsDiagnostics.LoggerFactory;
        var factory = new CategoryRecorder();
        try
        {
            SessionEffectsDiagnostics.LoggerFactory = factory;
            Assert.Same(factory, SessionEffectsDiagnostics.LoggerFactory);
            Assert.Equal(["SessionEffects.Requests", "SessionEffects.Scopes", "SessionEffects.Sessions"], factory.Categories.Order(StringComparer.Ordinal));

            SessionEffectsDiagnostics.LoggerFactory = null;
            Assert.Same(NullLoggerFactory.Instance, SessionEffectsDiagnostics.LoggerFactory);
            Assert.False(Log.Requests.IsEnabled(LogLevel.Critical));
        }
        finally
        {
            SessionEffectsDiagnostics.LoggerFactory = before;
        }
    }

    private sealed class CategoryRecorder : ILoggerFactory
    {
        public List<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
