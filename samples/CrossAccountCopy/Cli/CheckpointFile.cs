using System.IO;

namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>
/// A copy checkpoint kept in a file: read when the tool starts (to resume), replaced atomically after every checkpoint
/// (written to a temporary file, then moved over the old one), so a crash or kill never leaves half a checkpoint.
/// </summary>
internal sealed class CheckpointFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public CopyCheckpoint? Read() => File.Exists(Path) ? CopyCheckpoint.FromJson(File.ReadAllText(Path)) : null;

    public void Write(CopyCheckpoint checkpoint)
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, checkpoint.ToJson());
        File.Move(temporary, Path, overwrite: true);
    }

    public void Delete() => File.Delete(Path);
}
