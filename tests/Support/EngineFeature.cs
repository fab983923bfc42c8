using System;
using System.Collections.Generic;
using System.Linq;
using SessionEffects.Testing;

namespace SessionEffects.TestSupport;

/// <summary>What a test needs of the engine beyond items, queries and scans, where one engine lacks it.</summary>
[Flags]
public enum EngineFeature
{
    /// <summary>Nothing beyond what both engines have.</summary>
    None = 0,

    /// <summary>TransactWriteItems and TransactGetItems.</summary>
    Transactions = 1,

    /// <summary>UpdateTimeToLive (and a DescribeTimeToLive that reports it).</summary>
    TimeToLive = 2,

    /// <summary>A stream given to CreateTable, reported back by DescribeTable.</summary>
    Streams = 4,

    /// <summary>"=" and "&lt;&gt;" in conditions and filters on map and list values.</summary>
    MapAndListEquality = 8,

    /// <summary>An engine that keeps its databases in a folder across a restart.</summary>
    DataDirectory = 16,
}

/// <summary>Why a test cannot run on the run's engine (<see cref="DynamoDbLocal.DefaultEngine"/>), or null when it can.</summary>
public static class EngineFeatures
{
    private static readonly IReadOnlyDictionary<EngineFeature, string> DynaliteLacks = new Dictionary<EngineFeature, string>
    {
        [EngineFeature.Transactions] = "transactions (dynalite answers TransactWriteItems and TransactGetItems with UnknownOperationException)",
        [EngineFeature.TimeToLive] = "TimeToLive (dynalite answers UpdateTimeToLive with UnknownOperationException)",
        [EngineFeature.Streams] = "streams (dynalite accepts a StreamSpecification and drops it: DescribeTable reports none)",
        [EngineFeature.MapAndListEquality] = "map and list equality in conditions (dynalite compares them by identity, so an equal map never matches)",
        [EngineFeature.DataDirectory] = "a data directory kept across a restart (the dynalite front keeps every account in memory)",
    };

    /// <summary>The skip reason for a test that needs <paramref name="needs"/> on this run's engine, or null.</summary>
    public static string? SkipReason(EngineFeature needs)
    {
        if (DynamoDbLocal.DefaultEngine != DynamoEngine.Dynalite)
        {
            return null;
        }

        var missing = DynaliteLacks.Where(kv => needs.HasFlag(kv.Key)).Select(kv => kv.Value).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(" and ", missing)}; runs on DynamoDB Local";
    }
}
