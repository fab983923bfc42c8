namespace SessionEffects.Properties.Programs;

/// <summary>How a trace shows where a transaction went, written the same way by the model and by every interpreter.</summary>
internal static class TransactionTrace
{
    /// <summary>
    /// <c>S1</c> when both parts resolve to one session; <c>S0+D</c> when they resolve to two sessions that reach one
    /// account and region (each part goes to its own table's session and naming); <c>refused</c> otherwise.
    /// </summary>
    public static string Sessions(string first, string second, bool sameReach) =>
        first == second ? first : sameReach ? $"{first}+{second}" : "refused";
}
