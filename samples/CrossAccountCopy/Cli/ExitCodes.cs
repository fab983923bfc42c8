namespace SessionEffects.Samples.CrossAccountCopy.Cli;

/// <summary>What the tool's exit code means.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked (a verify found no difference).</summary>
    public const int Success = 0;

    /// <summary>Any other failure: AWS refused, the copy stopped (resume with the checkpoint), cancelled.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong, or the checkpoint file is not usable (changed, corrupted, of another copy): nothing was sent; or a copy job refused this worker (other tables or options): nothing was claimed or written.</summary>
    public const int BadUsage = 2;

    /// <summary>A verify found missing, extra or different items.</summary>
    public const int Differences = 3;
}
