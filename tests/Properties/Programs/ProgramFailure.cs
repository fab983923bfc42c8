using System;

namespace SessionEffects.Properties.Programs;

/// <summary>The failure a <see cref="Fail"/> step raises; its id says which one, so the caller can check it arrived unchanged.</summary>
public sealed class ProgramFailure : Exception
{
    public ProgramFailure(string id)
        : base($"program failure {id}") => Id = id;

    public ProgramFailure()
        : this("?")
    {
    }

    public ProgramFailure(string message, Exception innerException)
        : base(message, innerException) => Id = "?";

    public string Id { get; }
}
