using System;
using Xunit;

namespace SessionEffects.Properties.ErrorContext;

/// <summary>
/// The library's own exceptions: the transaction refusal names every table and session and says what to do; the
/// parameterless constructors (for serializers and frameworks) still say what went wrong; message and cause are kept.
/// </summary>
public sealed class ExceptionMessageTests
{
    [Fact]
    public void A_transaction_refusal_names_each_table_with_its_session_and_the_remedy()
    {
        var ex = new TransactionSessionException("TransactWriteItems", [("orders", "Keys(key=AKIA****0001)"), ("users", "Keys(key=AKIA****0002)")]);

        Assert.Equal(
            "TransactWriteItems was refused before sending anything: its parts resolve to different sessions, and DynamoDB transactions cannot span accounts or regions. " +
            "table orders -> Keys(key=AKIA****0001); table users -> Keys(key=AKIA****0002). " +
            "Bind every table of the transaction to the same session (one UseSession per table, with the same session).",
            ex.Message);
        Assert.Equal([("orders", "Keys(key=AKIA****0001)"), ("users", "Keys(key=AKIA****0002)")], ex.Resolved);
    }

    [Fact]
    public void Parameterless_constructors_say_what_went_wrong()
    {
        Assert.Equal("A transaction's parts resolve to different sessions.", new TransactionSessionException().Message);
        Assert.Equal("A mirrored write reached the primary but not the secondary.", new MirrorWriteException().Message);
        Assert.Equal("The AWS session is not configured correctly.", new SessionConfigurationException().Message);
        Assert.Equal("The session pool could not make a session.", new SessionPoolException().Message);
        Assert.Equal("The class cannot be mapped to a DynamoDB table.", new TableMappingException().Message);
        Assert.Empty(new TransactionSessionException().Resolved);
    }

    [Fact]
    public void Message_and_cause_constructors_keep_both()
    {
        var cause = new InvalidOperationException("cause");
        Exception[] made =
        [
            new TransactionSessionException("m", cause), new MirrorWriteException("m", cause), new SessionConfigurationException("m", cause),
            new SessionPoolException("m", cause), new TableMappingException("m", cause),
        ];
        Assert.All(made, ex => Assert.Equal(("m", cause), (ex.Message, ex.InnerException)));
        Assert.Empty(new TransactionSessionException("m").Resolved);
        Assert.Empty(new TransactionSessionException("m", cause).Resolved);
    }
}
