using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;

namespace SessionEffects.Properties.Diagnostics;

/// <summary>
/// Everything SessionEffects traces and measures while it is alive: an <see cref="ActivityListener"/> and a
/// <see cref="MeterListener"/> on the sources named <c>SessionEffects</c>, as OpenTelemetry would subscribe.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener activities;
    private readonly MeterListener meters = new();

    public TelemetryCapture()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SessionEffectsDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Activities.Add,
        };
        ActivitySource.AddActivityListener(activities);

        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SessionEffectsDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.Start();
    }

    public ConcurrentBag<Activity> Activities { get; } = [];

    public ConcurrentQueue<MeasurementRecord> Measurements { get; } = new();

    /// <summary>Asks the observable instruments (the pools') for their values now.</summary>
    public void Collect() => meters.RecordObservableInstruments();

    public IEnumerable<Activity> Where(string tag, string value) =>
        Activities.Where(a => a.GetTagItem(tag) as string == value);

    public IEnumerable<MeasurementRecord> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    /// <summary>Every text an exporter could ship: names, tags, statuses, events and their tags, measurement tags.</summary>
    public IEnumerable<string> Texts()
    {
        foreach (var activity in Activities)
        {
            yield return activity.DisplayName;
            yield return activity.StatusDescription ?? string.Empty;
            foreach (var tag in activity.TagObjects)
            {
                yield return Text(tag.Value);
            }

            foreach (var e in activity.Events)
            {
                yield return e.Name;
                foreach (var tag in e.Tags)
                {
                    yield return Text(tag.Value);
                }
            }
        }

        foreach (var m in Measurements)
        {
            foreach (var tag in m.Tags)
            {
                yield return tag.Key + "=" + tag.Value;
            }
        }
    }

    public void Dispose()
    {
        activities.Dispose();
        meters.Dispose();
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string[] many => string.Join("|", many),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue(new MeasurementRecord(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => Text(t.Value), StringComparer.Ordinal)));
}

/// <summary>One measurement: the instrument, the value, the tags as text.</summary>
internal sealed record MeasurementRecord(string Instrument, double Value, Dictionary<string, string> Tags)
{
    public string Tag(string name) => Tags.GetValueOrDefault(name) ?? string.Empty;
}
