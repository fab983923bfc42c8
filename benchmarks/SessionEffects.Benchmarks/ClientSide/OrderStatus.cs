namespace SessionEffects.Benchmarks.ClientSide;

/// <summary>An order's state, stored as a number.</summary>
public enum OrderStatus
{
    /// <summary>Just placed.</summary>
    Placed,

    /// <summary>Paid and being packed.</summary>
    Packing,

    /// <summary>On its way.</summary>
    Shipped,

    /// <summary>Arrived.</summary>
    Delivered,
}
