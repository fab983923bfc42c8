using System;
using SessionEffects.Properties.Fixtures;
using Xunit;

namespace SessionEffects.Properties.ScopeFrames;

/// <summary>
/// The Environment floor without DynamoDB: which session a table resolves to and why (the origin traces report), where
/// an assignment lands, scope depth, the refusal of <c>default(SessionEnv)</c>, and physical names. The model properties
/// (Core/) prove the same rules over random programs end to end; these pin each rule on its own.
/// </summary>
public sealed class BindingResolutionTests : IDisposable
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();
    private static readonly DynamoTable<Event> Events = DynamoTable.Of<Event>();
    private readonly AwsSession home = AwsSession.FromKeys("AKIAHOMEHOMEHOME0001", "home-secret", "eu-west-1");
    private readonly AwsSession tenant = AwsSession.FromKeys("AKIATENANTTENANT0002", "tenant-secret", "eu-west-1");

    public void Dispose()
    {
        home.Dispose();
        tenant.Dispose();
    }

    [Fact]
    public void Unbound_resolves_to_the_default_kept_to_the_kept_session()
    {
        var root = BindingRoot.New(home);
        Assert.Same(home, Bindings.Resolve(root, null, Users, out var origin));
        Assert.Equal(BindingOrigin.Default, origin);

        Bindings.Assign(root, null, Users, tenant);
        Assert.Same(tenant, Bindings.Resolve(root, null, Users, out origin));
        Assert.Equal(BindingOrigin.Keep, origin);
        Assert.Same(home, Bindings.Resolve(root, null, Orders, out origin));
        Assert.Equal(BindingOrigin.Default, origin);
    }

    [Fact]
    public void A_frame_wins_over_the_root_and_reports_its_own_origin()
    {
        var root = BindingRoot.New(home);
        Bindings.Assign(root, null, Users, home);
        var frames = new ScopeFrame(Users, tenant, null, BindingOrigin.Explicit);

        Assert.Same(tenant, Bindings.Resolve(root, frames, Users, out var origin));
        Assert.Equal(BindingOrigin.Explicit, origin);
        Assert.Same(tenant, Bindings.Resolve(root, new ScopeFrame(Users, tenant, null), Users, out origin));
        Assert.Equal(BindingOrigin.RestoreScope, origin);
    }

    [Fact]
    public void A_frame_without_a_session_means_the_default_even_over_a_kept_binding()
    {
        var root = BindingRoot.New(home);
        Bindings.Assign(root, null, Users, tenant);
        var frames = new ScopeFrame(Users, null, null, BindingOrigin.Keep);

        Assert.Same(home, Bindings.Resolve(root, frames, Users, out var origin));
        Assert.Equal(BindingOrigin.Default, origin);
    }

    [Fact]
    public void An_assignment_lands_in_the_nearest_frame_of_its_table_else_in_the_root()
    {
        var root = BindingRoot.New(home);
        var frames = new ScopeFrame(Orders, null, new ScopeFrame(Users, null, null));

        Bindings.Assign(root, frames, Users, tenant);
        Assert.Same(tenant, frames.Parent!.Session);
        Assert.Null(root.Peek(Users));

        Bindings.Assign(root, frames, Events, tenant);
        Assert.Same(tenant, root.Peek(Events));
        Assert.Null(frames.Session);
    }

    [Fact]
    public void The_snapshot_lists_only_tables_bound_to_a_session()
    {
        var root = BindingRoot.New(home);
        Bindings.Assign(root, null, Users, tenant);
        Bindings.Assign(root, null, Orders, tenant);
        Bindings.Assign(root, null, Orders, null);

        var snapshot = root.Snapshot();
        Assert.Equal(Users, Assert.Single(snapshot).Key);
        Assert.Same(tenant, snapshot[Users]);
    }

    [Fact]
    public void Depth_counts_the_frames_and_a_new_environment_has_none()
    {
        var env = SessionEnv.New(home);
        Assert.Equal(0, env.ScopeDepth);
        var one = env.Push(Users, tenant);
        var three = one.Push(Orders, null).Push(Users, home);
        Assert.Equal((1, 3), (one.ScopeDepth, three.ScopeDepth));
        Assert.Equal(0, env.ScopeDepth);
        Assert.Same(tenant, one.Resolve(Users));
        Assert.Same(home, three.Resolve(Users));
        Assert.Same(home, env.Resolve(Users));
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        Assert.Equal("defaultSession", Assert.Throws<ArgumentNullException>(() => BindingRoot.New(null!)).ParamName);
        Assert.Equal("root", Assert.Throws<ArgumentNullException>(() => SessionEnv.New((BindingRoot)null!)).ParamName);
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => SessionEnv.New(home).Resolve(null!)).ParamName);
    }

    [Fact]
    public void The_default_value_of_SessionEnv_is_refused_with_what_to_do()
    {
        const string Expected = "default(SessionEnv) is not an environment: create one with SessionEnv.New(defaultSession) or SessionEnv.New(root).";
        var env = default(SessionEnv);
        Assert.Equal(Expected, Assert.Throws<InvalidOperationException>(() => env.ScopeDepth).Message);
        Assert.Equal(Expected, Assert.Throws<InvalidOperationException>(() => env.Root).Message);
        Assert.Throws<InvalidOperationException>(() => env.Frames);
        Assert.Throws<InvalidOperationException>(() => env.CancellationToken);
        Assert.Throws<InvalidOperationException>(() => env.Resolve(Users));
    }

    [Fact]
    public void Physical_names_say_whether_they_differ_from_the_logical_one()
    {
        var plain = PhysicalTable.In(home, Users);
        Assert.Equal(("users", "table users", false), (plain.Name, plain.Target, plain.Renamed));

        using var prefixed = home.WithTableNames(TableNames.Prefix("dev-"));
        var renamed = PhysicalTable.In(prefixed, Users);
        Assert.Equal(("dev-users", "table dev-users (logical users)", true), (renamed.Name, renamed.Target, renamed.Renamed));

        // An alias to the same name, as configuration gives it (another string instance): not renamed.
        using var aliased = home.WithTableNames(TableNames.Alias("users", new string("users".AsSpan())));
        Assert.False(PhysicalTable.In(aliased, Users).Renamed);

        Assert.Equal(("orders", "table orders"), PhysicalTable.Named(home, "orders"));
        Assert.Equal(("dev-orders", "table dev-orders (logical orders)"), PhysicalTable.Named(prefixed, "orders"));
    }
}
