namespace SessionEffects;

/// <summary>Where one segment of a copy job stands.</summary>
public enum SegmentState
{
    /// <summary>No worker has claimed it yet.</summary>
    Pending,

    /// <summary>A worker holds its lease (or held it: a lease past its expiry may be taken over).</summary>
    Running,

    /// <summary>Every page of it is written.</summary>
    Done,
}
