using System;
using System.IO;
using System.Threading.Tasks;
using SessionEffects.Testing;
using Xunit;

namespace SessionEffects.Properties.Bed;

/// <summary>When an engine cannot start, the error names what is missing and what to install or run.</summary>
public sealed class EnginePrerequisiteTests
{
    [Fact]
    public void Without_node_the_error_says_dynalite_needs_Node_20_and_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("se-nopath-");
        try
        {
            var error = Assert.Throws<DynamoDbLocalUnavailableException>(() => DynamoDbLocal.LocateNode(empty.FullName));
            Assert.Contains("Node was not found", error.Message, StringComparison.Ordinal);
            Assert.Contains("dynalite needs Node 20 or newer", error.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install -y nodejs", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }

        Assert.True(File.Exists(DynamoDbLocal.LocateNode()), "this machine runs the dynalite tests, so node is on PATH");
    }

    [Fact]
    public void Without_dynalite_installed_a_clone_that_pins_it_is_told_to_run_npm_ci_and_others_to_add_it()
    {
        var clone = Directory.CreateTempSubdirectory("se-clone-");
        var elsewhere = Directory.CreateTempSubdirectory("se-elsewhere-");
        try
        {
            File.WriteAllText(Path.Combine(clone.FullName, "package.json"), "{ \"devDependencies\": { \"dynalite\": \"4.0.0\" } }");
            var bin = Directory.CreateDirectory(Path.Combine(clone.FullName, "tests", "bin"));

            var pinned = DynamoDbLocal.NotInstalledMessage([bin.FullName], "dynalite", "dynalite", alternative: null);
            Assert.StartsWith("dynalite is not installed", pinned, StringComparison.Ordinal);
            Assert.Contains($"Run 'npm ci' in {clone.FullName}", pinned, StringComparison.Ordinal);

            var unpinned = DynamoDbLocal.NotInstalledMessage([elsewhere.FullName], "dynalite", "dynalite", alternative: null);
            Assert.Contains("npm install --save-dev dynalite", unpinned, StringComparison.Ordinal);
            Assert.DoesNotContain("npm ci", unpinned, StringComparison.Ordinal);
            Assert.DoesNotContain("DYNAMODB_LOCAL_JAR", unpinned, StringComparison.Ordinal);
        }
        finally
        {
            clone.Delete(recursive: true);
            elsewhere.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, DynamoEngine.DynamoDbLocal)]
    [InlineData("", DynamoEngine.DynamoDbLocal)]
    [InlineData("dynamodb-local", DynamoEngine.DynamoDbLocal)]
    [InlineData("Dynalite", DynamoEngine.Dynalite)]
    [InlineData(" dynalite ", DynamoEngine.Dynalite)]
    public void The_engine_variable_names_an_engine(string? name, DynamoEngine expected) =>
        Assert.Equal(expected, DynamoDbLocal.EngineNamed(name));

    [Fact]
    public void An_unknown_engine_name_is_refused_with_both_names_and_what_each_needs()
    {
        var error = Assert.Throws<DynamoDbLocalUnavailableException>(() => DynamoDbLocal.EngineNamed("localstack"));
        Assert.Contains("'localstack'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dynamodb-local' (Amazon DynamoDB Local, needs Java 17+)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dynalite' (needs Node 20+)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DynamoDB_Local_options_given_to_dynalite_are_refused_before_anything_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            DynamoDbLocal.StartAsync(new DynamoDbLocalOptions { Engine = DynamoEngine.Dynalite, DataDirectory = "data" }));
        Assert.Contains("DataDirectory and JarPath are DynamoDB Local options", error.Message, StringComparison.Ordinal);
    }
}
