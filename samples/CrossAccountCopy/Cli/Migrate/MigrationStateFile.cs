using System.IO;

namespace SessionEffects.Samples.CrossAccountCopy.Cli.Migrate;

/// <summary>
/// The migration state in a file: replaced atomically on every change (written to a temporary file, then moved over
/// the old one), so a kill at any moment leaves the previous state or the new one, never half of one.
/// </summary>
internal sealed class MigrationStateFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public bool Exists => File.Exists(Path);

    /// <summary>The state, or null when there is no file.</summary>
    /// <exception cref="MigrationStateException">The file is not a state file, or was edited or corrupted.</exception>
    public MigrationState? Read() => File.Exists(Path) ? MigrationState.FromJson(File.ReadAllText(Path)) : null;

    public void Write(MigrationState state)
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, state.ToJson());
        File.Move(temporary, Path, overwrite: true);
    }
}
