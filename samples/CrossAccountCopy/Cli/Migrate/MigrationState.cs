using System;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>
/// Where a live migration run by the tool stands: the table and the two sides (masked, as sessions describe
/// themselves), the phase, which side is the primary, the backfill's checkpoint and the last reconcile, and a log of
/// the steps taken. Stored as JSON with a format version and a SHA-256 checksum over everything else, so a state file
/// that was edited or corrupted is refused whole rather than acted on (the copy checkpoint's rule).
/// </summary>
internal sealed record MigrationState
{
    /// <summary>The format version this tool writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly byte[] Domain = Encoding.UTF8.GetBytes("SessionEffects.CrossAccountCopy.MigrationState.v1\n");

    public required string Table { get; init; }

    /// <summary>The source account's session as it describes itself (no secret): the state belongs to these two sides.</summary>
    public required string Source { get; init; }

    public required string Target { get; init; }

    /// <summary>Scan segments of the backfill and the reconcile (fixed at plan time: the backfill checkpoint depends on it).</summary>
    public required int Segments { get; init; }

    public required MigrationPhase Phase { get; init; }

    /// <summary>Whether the target is the primary (after a cutover, before a rollback).</summary>
    public bool Swapped { get; init; }

    /// <summary>The backfill's checkpoint (the copy checkpoint's JSON, with its own checksum); null before the backfill starts.</summary>
    public string? BackfillCheckpoint { get; init; }

    /// <summary>How many times the backfill was started (more than one: it was resumed).</summary>
    public int BackfillRuns { get; init; }

    /// <summary>What the latest reconcile pass found; null before any.</summary>
    public ReconcileRecord? Reconcile { get; init; }

    /// <summary>The steps taken, oldest first (UTC time and what happened).</summary>
    public ImmutableArray<string> Log { get; init; } = [];

    /// <summary>This state with <paramref name="step"/> logged at <paramref name="now"/>.</summary>
    public MigrationState Logged(DateTimeOffset now, string step) => this with { Log = Log.Add($"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {step}") };

    public string ToJson()
    {
        var stored = Stored(null);
        return JsonSerializer.Serialize(stored with { Checksum = Checksum(stored) }, MigrationJson.Default.StoredMigration);
    }

    /// <summary>The state <see cref="ToJson"/> wrote, its version and checksum verified.</summary>
    /// <exception cref="MigrationStateException">The text is not a state file, is of another version, or was changed after it was written.</exception>
    public static MigrationState FromJson(string json)
    {
        StoredMigration stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, MigrationJson.Default.StoredMigration) ?? throw new JsonException("it is empty");
        }
        catch (JsonException ex)
        {
            throw new MigrationStateException($"it is not a migration state file ({ex.Message})", ex);
        }

        if (stored.Version != CurrentVersion)
        {
            throw new MigrationStateException($"it is of format version {stored.Version}; this tool reads version {CurrentVersion}");
        }

        if (string.IsNullOrEmpty(stored.Table) || string.IsNullOrEmpty(stored.Source) || string.IsNullOrEmpty(stored.Target) || stored.Log is null
            || !Enum.TryParse<MigrationPhase>(stored.Phase, ignoreCase: false, out var phase) || stored.Segments < 1)
        {
            throw new MigrationStateException("it is not a migration state file (the table, the sides, the segments or the phase are missing)");
        }

        if (stored.Checksum is not { } claimed || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(claimed), Encoding.ASCII.GetBytes(Checksum(stored with { Checksum = null }))))
        {
            throw new MigrationStateException("its checksum does not match its content: it was edited or corrupted after the tool wrote it");
        }

        return new MigrationState
        {
            Table = stored.Table,
            Source = stored.Source,
            Target = stored.Target,
            Segments = stored.Segments,
            Phase = phase,
            Swapped = stored.Swapped,
            BackfillCheckpoint = stored.BackfillCheckpoint,
            BackfillRuns = stored.BackfillRuns,
            Reconcile = stored.Reconcile,
            Log = [.. stored.Log],
        };
    }

    private StoredMigration Stored(string? checksum) =>
        new(CurrentVersion, Table, Source, Target, Segments, Phase.ToString(), Swapped, BackfillCheckpoint, BackfillRuns, Reconcile, [.. Log], checksum);

    private static string Checksum(StoredMigration withoutChecksum)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(withoutChecksum with { Checksum = null }, MigrationJson.Default.StoredMigration);
        return "sha256:" + Base64Url.EncodeToString(SHA256.HashData([.. Domain, .. canonical]));
    }
}

/// <summary>The phases of a migration, in the order the commands move it.</summary>
internal enum MigrationPhase
{
    /// <summary><c>plan</c> checked both tables and wrote the state; <c>start</c> is next.</summary>
    Planned,

    /// <summary><c>start</c> is copying (or was stopped while copying: run it again to resume).</summary>
    Backfilling,

    /// <summary>The backfill is done; <c>reconcile</c> is next.</summary>
    Backfilled,

    /// <summary>A reconcile ran (or is running, or was stopped) and has not yet found 0 differences.</summary>
    Reconciling,

    /// <summary>The last reconcile found 0 differences; <c>cutover</c> may follow.</summary>
    Reconciled,

    /// <summary>The target is the primary; the source is mirrored to during the grace period (<c>rollback</c> or <c>finish</c>).</summary>
    CutOver,

    /// <summary>Primary and secondary swapped back after a cutover; <c>reconcile</c> again before another cutover.</summary>
    RolledBack,

    /// <summary>The final comparison found 0 differences; mirroring can stop.</summary>
    Finished,
}

/// <summary>What a reconcile found last.</summary>
/// <param name="Runs">Reconcile commands run (more than passes' worth when one was stopped and run again).</param>
/// <param name="Passes">Passes over all runs (each compares the whole table).</param>
/// <param name="Repaired">Keys repaired over all runs.</param>
/// <param name="Missing">Keys the secondary lacked in the last pass.</param>
/// <param name="Extra">Keys only the secondary had in the last pass.</param>
/// <param name="Different">Keys whose items differed in the last pass.</param>
/// <param name="Converged">Whether the last pass found 0 differences.</param>
/// <param name="Swapped">Whether the target was the primary during that reconcile.</param>
internal sealed record ReconcileRecord(int Runs, int Passes, long Repaired, long Missing, long Extra, long Different, bool Converged, bool Swapped);

/// <summary>The state as stored (the phase by name, the checksum null while the canonical form is hashed).</summary>
internal sealed record StoredMigration(
    int Version, string Table, string Source, string Target, int Segments, string Phase, bool Swapped, string? BackfillCheckpoint, int BackfillRuns,
    ReconcileRecord? Reconcile, string[] Log, string? Checksum);

/// <summary>The state file's JSON, generated at compile time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StoredMigration))]
internal sealed partial class MigrationJson : JsonSerializerContext;

/// <summary>A state file that cannot be used: refused whole (exit code 2), never acted on.</summary>
internal sealed class MigrationStateException : Exception
{
    public MigrationStateException()
    {
    }

    public MigrationStateException(string message)
        : base("The migration state file is not usable: " + message + ".")
    {
    }

    public MigrationStateException(string message, Exception innerException)
        : base("The migration state file is not usable: " + message + ".", innerException)
    {
    }
}
