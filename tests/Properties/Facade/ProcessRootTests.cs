using System.Threading.Tasks;
using SessionEffects.CSharp;
using SessionEffects.Properties.Fixtures;
using SessionEffects.Properties.Programs;
using Xunit;

namespace SessionEffects.Properties.Facade;

/// <summary>Tests that touch the process-wide root run alone: nothing else in the run may see their bindings.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessRootCollection
{
    public const string Name = "process-wide root";
}

/// <summary>The facade's ambient root is process-wide, like the Python model's class attribute — on purpose, and only there.</summary>
[Collection(ProcessRootCollection.Name)]
public sealed class ProcessRootTests
{
    private static readonly DynamoTable<Event> Events = DynamoTable.Of<Event>();

    [Fact]
    public async Task A_top_level_keep_is_seen_by_work_started_later_anywhere_in_the_process_until_reset()
    {
        var world = World.InMemory();
        Sessions.Configure(world.Default);
        Assert.Same(world.Default, Sessions.CurrentSession(Events));

        await Task.Run(() => Sessions.UseSession(Events, world.Sessions[2], restoreOnExit: false).Dispose());

        Assert.Same(world.Sessions[2], Sessions.CurrentSession(Events));
        Assert.Same(world.Sessions[2], await Task.Run(() => Sessions.CurrentSession(Events)));

        // An isolated environment does not see the process-wide keep.
        using (Sessions.UseEnvironment(BindingRoot.New(world.Sessions[0])))
        {
            Assert.Same(world.Sessions[0], Sessions.CurrentSession(Events));
        }

        Sessions.ResetConnection(Events);
        Assert.Same(world.Default, Sessions.CurrentSession(Events));
    }
}
