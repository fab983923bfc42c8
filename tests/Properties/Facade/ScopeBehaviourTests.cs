using System;
using System.Threading;
using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Properties.Programs;
using Xunit;

namespace SessionEffects.Properties.Facade;

/// <summary>How facade scopes behave in async code, with exceptions, cancellation, misuse and concurrency.</summary>
public sealed class ScopeBehaviourTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly World World = World.InMemory();
    private static AwsSession D => World.Default;
    private static AwsSession S0 => World.Sessions[0];
    private static AwsSession S1 => World.Sessions[1];

    [Fact]
    public async Task A_scope_in_an_async_method_is_seen_by_what_it_awaits_and_restored_on_dispose()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        await using (Sessions.UseSession(Users, S0))
        {
            await Task.Yield();
            Assert.Same(S0, await Task.Run(() => Sessions.CurrentSession(Users)));
            Assert.Same(S0, await ObserveLaterAsync());
            Assert.Same(D, Sessions.CurrentSession(Orders));
        }

        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task A_scope_opened_in_a_called_async_method_ends_with_that_method()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        Assert.Same(S1, await SwitchAndObserveAsync(S1));
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task Exceptions_inside_a_scope_restore_the_binding_and_reach_the_caller_unchanged()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        var thrown = new InvalidOperationException("boom");
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using (Sessions.UseSession(Users, S0))
            {
                await Task.Yield();
                throw thrown;
            }
        });
        Assert.Same(thrown, caught);
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task Cancellation_inside_a_scope_restores_the_binding()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using (Sessions.UseSession(Users, S0))
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, cts.Token);
            }
        });
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task Keep_inside_a_restore_scope_of_the_same_table_lasts_until_that_scope_ends_and_of_another_table_survives()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        using (Sessions.UseSession(Users, S0))
        {
            Sessions.UseSession(Users, S1, restoreOnExit: false).Dispose();
            Sessions.UseSession(Orders, S1, restoreOnExit: false).Dispose();
            Assert.Same(S1, Sessions.CurrentSession(Users));
            await Task.Yield();
        }

        Assert.Same(D, Sessions.CurrentSession(Users));
        Assert.Same(S1, Sessions.CurrentSession(Orders));
        Sessions.ResetConnection(Orders);
        Assert.Same(D, Sessions.CurrentSession(Orders));
    }

    [Fact]
    public async Task Sibling_tasks_never_see_each_others_scopes()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        using var bothInside = new Barrier(2);
        async Task<AwsSession> Tenant(AwsSession mine)
        {
            await Task.Yield();
            using (Sessions.UseSession(Users, mine))
            {
                bothInside.SignalAndWait(TimeSpan.FromSeconds(10));
                await Task.Delay(5);
                return Sessions.CurrentSession(Users);
            }
        }

        var seen = await Task.WhenAll(Task.Run(() => Tenant(S0)), Task.Run(() => Tenant(S1)));
        Assert.Same(S0, seen[0]);
        Assert.Same(S1, seen[1]);
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public void Disposing_scopes_out_of_order_is_refused_clearly_and_leaves_bindings_consistent()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        var outer = Sessions.UseSession(Users, S0);
        var inner = Sessions.UseSession(Users, S1);

        var ex = Assert.Throws<InvalidOperationException>(outer.Dispose);

        Assert.Contains("innermost first", ex.Message, StringComparison.Ordinal);
        Assert.Same(D, Sessions.CurrentSession(Users));
        Assert.Throws<InvalidOperationException>(inner.Dispose);
        Assert.Same(D, Sessions.CurrentSession(Users));
        outer.Dispose();
        Assert.False(outer.IsActive);
    }

    [Fact]
    public async Task Disposing_a_scope_outside_the_flow_that_opened_it_is_refused_and_changes_nothing()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        var escaped = await OpenAndLeakAsync();
        Assert.Same(D, Sessions.CurrentSession(Users));
        var ex = Assert.Throws<InvalidOperationException>(escaped.Dispose);
        Assert.Contains("not visible", ex.Message, StringComparison.Ordinal);
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task Double_dispose_is_harmless_and_null_arguments_are_refused()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        var scope = Sessions.UseSession(Users, S0);
        scope.Dispose();
        scope.Dispose();
        Assert.Same(D, Sessions.CurrentSession(Users));

        Assert.Throws<ArgumentNullException>(() => Sessions.UseSession(null!, S0));
        Assert.Throws<ArgumentNullException>(() => Sessions.ResetConnection(null!));
        Assert.Throws<ArgumentNullException>(() => Sessions.CurrentSession(null!));
        Assert.Throws<ArgumentNullException>(() => Sessions.UseEnvironment(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ((DynamoTable<User>)null!).SaveAsync(new User()));
    }

    [Fact]
    public void A_null_session_changes_nothing()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        Sessions.UseSession(Users, S1, restoreOnExit: false).Dispose();
        using (Sessions.UseSession(Users, null))
        {
            Assert.Same(S1, Sessions.CurrentSession(Users));
        }

        using (Sessions.UseSession(Users, null, restoreOnExit: false))
        {
            Assert.Same(S1, Sessions.CurrentSession(Users));
        }

        Assert.Same(S1, Sessions.CurrentSession(Users));
    }

    [Fact]
    public async Task Core_effects_run_with_the_scopes_open_around_them_and_facade_code_inside_effects_sees_the_effects_bindings()
    {
        using var env = Sessions.UseEnvironment(BindingRoot.New(D));
        using (Sessions.UseSession(Users, S0))
        {
            Assert.Same(S0, await Sessions.RunAsync(Scope.currentSession(Users)));
        }

        var inner = Scope.useSession(Users, S1, Sessions.ToEffect(async ct =>
        {
            await Task.Yield();
            return Sessions.CurrentSession(Users);
        }));
        Assert.Same(S1, await Sessions.RunAsync(inner));
        Assert.Same(D, Sessions.CurrentSession(Users));
    }

    private static async Task<AwsSession> ObserveLaterAsync()
    {
        await Task.Delay(1);
        return Sessions.CurrentSession(Users);
    }

    private static async Task<AwsSession> SwitchAndObserveAsync(AwsSession session)
    {
        await Task.Yield();
        var scope = Sessions.UseSession(Users, session);
        _ = scope;
        return Sessions.CurrentSession(Users);
    }

    private static async Task<SessionScope> OpenAndLeakAsync()
    {
        await Task.Yield();
        return Sessions.UseSession(Users, S0);
    }
}
