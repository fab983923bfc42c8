using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LanguageExt;
using SessionEffects.Properties.Bed;
using SessionEffects.Properties.Fixtures;
using SessionEffects.TestSupport;
using Xunit;
using static SessionEffects.Dynamo;
using static SessionEffects.Scope;

namespace SessionEffects.Properties.TableNaming;

/// <summary>
/// Every kind of operation under a table naming reaches the physical table, against DynamoDB Local, checked with raw
/// SDK clients: tables and TTL, items, reads and LINQ, batches, transactions, page tokens, copies and verification.
/// </summary>
public sealed class NamedOperationsTests
{
    private static readonly DynamoTable<User> Users = DynamoTable.Of<User>();
    private static readonly DynamoTable<Order> Orders = DynamoTable.Of<Order>();

    [EngineFact(EngineFeature.Transactions | EngineFeature.TimeToLive)]
    public async Task Every_operation_under_a_prefix_and_an_alias_reaches_the_physical_tables()
    {
        var key = LocalDynamo.NewAccessKey("NOps");
        using var plain = await LocalDynamo.SessionAsync(key);
        using var named = plain.WithTableNames(TableNames.Prefix("stage.").WithAlias("orders", "orders_2026"));
        using var raw = await LocalDynamo.RawClientAsync(key);
        var env = SessionEnv.New(plain);
        var (userPart, orderPart) = (GetPart.Of(Users, "t1"), GetPart.Of(Orders, "t1", 1L));

        var work =
            from _1 in createTable(Users, new CreateTableOptions { TimeToLiveAttribute = "expires" })
            from _2 in createTable(Orders)
            from exists in tableExists(Users)
            from described in describeTable(Orders)
            from _3 in updateTimeToLive(Orders, "expires")
            from _4 in save(Users, new User { Id = "u1", Name = "Ann" })
            from _5 in update(Users, "u1", null, ItemUpdate.Of<User>().Set(u => u.Name, "Anne"))
            from _6 in batchSave(Users, [new User { Id = "u2" }, new User { Id = "u3" }])
            from _7 in batchSave(Orders, [new Order { CustomerId = "c1", PlacedAt = 1 }, new Order { CustomerId = "c1", PlacedAt = 2 }])
            from got in batchGet(Users, [ItemKey.Of("u1"), ItemKey.Of("u2")], consistentRead: true)
            from linq in fetch(from o in Orders.Query() where o.CustomerId == "c1" select o)
            from counted in count(Users, new ScanOptions { ConsistentRead = true })
            from queried in countQuery(Orders, "c1")
            from _8 in transactWrite([WritePart.Put(Users, new User { Id = "t1" }), WritePart.Put(Orders, new Order { CustomerId = "t1", PlacedAt = 1 })])
            from pair in transactGet([userPart, orderPart])
            from _9 in delete(Users, "u3")
            select (exists, described.TableName, got.Count, linq.Count, counted, queried, pair);
        var result = await Run.Value(useSession(Users, named, useSession(Orders, named, work)), env);
        var (found, describedName, gotCount, linqCount, scanned, inQuery, both) = result;

        Assert.True(found);
        Assert.Equal("orders_2026", describedName);
        Assert.Equal(2, gotCount);
        Assert.Equal(2, linqCount);
        Assert.Equal(3L, scanned);
        Assert.Equal(2L, inQuery);
        Assert.NotNull(both.Find(userPart));
        Assert.NotNull(both.Find(orderPart));

        // Only the physical tables exist; the items are where the naming put them.
        Assert.Equal(["orders_2026", "stage.users"], (await raw.ListTablesAsync()).TableNames.Order(StringComparer.Ordinal));
        Assert.Equal(["t1", "u1", "u2"], await Ids(raw, "stage.users", "id"));
        Assert.Equal(["c1", "c1", "t1"], await Ids(raw, "orders_2026", "customer"));
        Assert.Equal("Anne", (await raw.GetItemAsync("stage.users", new() { ["id"] = new AttributeValue { S = "u1" } })).Item["name"].S);
        Assert.Equal(TimeToLiveStatus.ENABLED, (await raw.DescribeTimeToLiveAsync("stage.users")).TimeToLiveDescription.TimeToLiveStatus);
        Assert.Equal(TimeToLiveStatus.ENABLED, (await raw.DescribeTimeToLiveAsync("orders_2026")).TimeToLiveDescription.TimeToLiveStatus);

        // The plain session of the same account has no such tables: its requests fail, naming the plain table.
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(get(Users, "u1"), env));
        Assert.Contains("on table users via", missing.Message, StringComparison.Ordinal);

        // A renamed table's failure names both names.
        var gone = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Run.Value(useSession(Users, named, from _ in deleteTable(Users) from g in get(Users, "u1") select g), env));
        Assert.Contains("table stage.users (logical users)", gone.Message, StringComparison.Ordinal);
        await Run.Value(useSession(Orders, named, deleteTable(Orders)), env);
        Assert.Empty((await raw.ListTablesAsync()).TableNames);
    }

    [EngineFact(EngineFeature.Transactions)]
    public async Task A_transaction_places_each_part_by_its_own_tables_naming_and_its_refusal_names_physical_tables()
    {
        var key = LocalDynamo.NewAccessKey("NTx");
        using var plain = await LocalDynamo.SessionAsync(key);
        using var dev = plain.WithTableNames(TableNames.Prefix("dev-"));
        using var raw = await LocalDynamo.RawClientAsync(key);
        await Run.Value(from a in createTable(Users) from b in createTable(Orders) select Prelude.unit, dev);
        await Run.Value(from a in createTable(Users) from b in createTable(Orders) select Prelude.unit, plain);

        await Run.Value(transactWrite([WritePart.Put(Users, new User { Id = "x" }), WritePart.Put(Orders, new Order { CustomerId = "x", PlacedAt = 7 })]), dev);
        Assert.Equal(["x"], await Ids(raw, "dev-users", "id"));
        Assert.Equal(["x"], await Ids(raw, "dev-orders", "customer"));
        Assert.Empty(await Ids(raw, "users", "id"));
        Assert.Empty(await Ids(raw, "orders", "customer"));

        // Users on dev, orders on the plain session of the same account: one account and region, so one transaction,
        // each part in the physical table its own table's session names.
        var env = SessionEnv.New(plain);
        await Run.Value(
            useSession(Users, dev, transactWrite([WritePart.Put(Users, new User { Id = "y" }), WritePart.Put(Orders, new Order { CustomerId = "y", PlacedAt = 1 })])), env);
        Assert.Equal(["x", "y"], await Ids(raw, "dev-users", "id"));
        Assert.Equal(["y"], await Ids(raw, "orders", "customer"));
        Assert.Empty(await Ids(raw, "users", "id"));
        Assert.Equal(["x"], await Ids(raw, "dev-orders", "customer"));

        // Users in another account: refused before anything is sent, the refusal naming physical tables.
        var otherKey = LocalDynamo.NewAccessKey("NTxOther");
        using var other = (await LocalDynamo.SessionAsync(otherKey)).WithTableNames(TableNames.Prefix("o-"));
        using var otherRaw = await LocalDynamo.RawClientAsync(otherKey);
        await Run.Value(createTable(Users), other);
        var refused = await Assert.ThrowsAsync<TransactionSessionException>(() => Run.Value(
            useSession(Users, other, transactWrite([WritePart.Put(Users, new User { Id = "z" }), WritePart.Put(Orders, new Order { CustomerId = "z", PlacedAt = 1 })])), env));
        Assert.Contains("table o-users ->", refused.Message, StringComparison.Ordinal);
        Assert.Contains("table orders ->", refused.Message, StringComparison.Ordinal);
        Assert.Contains(refused.Resolved, r => r.TableName == "o-users");
        Assert.Empty(await Ids(otherRaw, "o-users", "id"));
        Assert.Equal(["y"], await Ids(raw, "orders", "customer"));
    }

    [Fact]
    public async Task A_page_token_is_bound_to_the_physical_table_and_refused_under_another_naming()
    {
        var key = LocalDynamo.NewAccessKey("NTok");
        using var blue = (await LocalDynamo.SessionAsync(key)).WithTableNames(TableNames.Prefix("blue-"));
        using var green = blue.WithTableNames(TableNames.Prefix("green-"));
        foreach (var s in new[] { blue, green })
        {
            await Run.Value(from _ in createTable(Users) from __ in batchSave(Users, Enumerable.Range(0, 5).Select(i => new User { Id = $"u{i}" })) select Prelude.unit, s);
        }

        var first = await Run.Value(scanPage(Users, new ScanOptions { PageSize = 2 }), blue);
        Assert.NotNull(first.NextToken);

        // The same naming goes on from the token; another naming of the same account refuses it before sending.
        var second = await Run.Value(scanPage(Users, new ScanOptions { PageSize = 2, StartToken = first.NextToken }), blue);
        Assert.Equal(2, second.Items.Count);
        Assert.Empty(first.Items.Select(u => u.Id).Intersect(second.Items.Select(u => u.Id)));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(scanPage(Users, new ScanOptions { PageSize = 2, StartToken = first.NextToken }), green));
        Assert.Contains("issued for another read (Scan:blue-users:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not this one (Scan:green-users:", refused.Message, StringComparison.Ordinal);

        // The same rule for a LINQ page, resolved through a scope.
        var env = SessionEnv.New(blue);
        var query = Users.Query().AsScan().WithPageSize(2);
        var page = await Run.Value(fetchPage(query), env);
        await Assert.ThrowsAsync<ArgumentException>(() => Run.Value(useSession(Users, green, fetchPage(query, page.NextToken)), env));
        Assert.Equal(2, (await Run.Value(fetchPage(query, page.NextToken), env)).Items.Count);
    }

    [Fact]
    public async Task CopyTable_from_orders_in_production_into_dev_orders_follows_both_namings_and_verifyCopy_compares_them()
    {
        var (prodKey, devKey) = (LocalDynamo.NewAccessKey("NProd"), LocalDynamo.NewAccessKey("NDev"));
        using var production = await LocalDynamo.SessionAsync(prodKey);
        using var dev = (await LocalDynamo.SessionAsync(devKey)).WithTableNames(TableNames.Prefix("dev-"));
        using var rawProd = await LocalDynamo.RawClientAsync(prodKey);
        using var rawDev = await LocalDynamo.RawClientAsync(devKey);
        await Run.Value(from _ in createTable(Orders) from __ in batchSave(Orders, Enumerable.Range(0, 30).Select(i => new Order { CustomerId = $"c{i % 4}", PlacedAt = i })) select Prelude.unit, production);

        var copied = await Run.Value(copyTable(Orders, dev, new CopyOptions { CreateTable = true, Segments = 3 }), production);
        Assert.True(copied.TableCreated);
        Assert.Equal(30, copied.ItemsWritten);
        Assert.Equal("orders", copied.Checkpoint.TableName);
        Assert.Equal(["dev-orders"], (await rawDev.ListTablesAsync()).TableNames);
        Assert.Equal(30, (await rawDev.ScanAsync(new ScanRequest { TableName = "dev-orders", ConsistentRead = true })).Count);
        Assert.Equal(["orders"], (await rawProd.ListTablesAsync()).TableNames);

        var same = await Run.Value(verifyCopy(Orders, dev), production);
        Assert.True(same.IsIdentical, same.ToString());
        Assert.Equal(30, same.SourceItems);

        // A change on the dev side is seen by the verification (it really reads dev-orders).
        await rawDev.DeleteItemAsync("dev-orders", new() { ["customer"] = new AttributeValue { S = "c0" }, ["placed"] = new AttributeValue { N = "0" } });
        var differs = await Run.Value(verifyCopy(Orders, dev), production);
        Assert.Equal(1, differs.MissingCount);

        // The way back, by name: the logical name, each side's naming.
        await rawProd.DeleteTableAsync("orders");
        var back = await Run.Value(copyTableByName("orders", dev, production, new CopyOptions { CreateTable = true }), production);
        Assert.Equal(29, back.ItemsWritten);
        Assert.True((await Run.Value(verifyCopyByName("orders", dev, production), production)).IsIdentical);
        Assert.Equal("dev-orders", (await Run.Value(describeTableByName("orders", dev), production)).TableName);
    }

    [Fact]
    public async Task Two_flows_binding_one_table_to_two_namings_at_once_each_reach_their_own_physical_table()
    {
        var key = LocalDynamo.NewAccessKey("NFlows");
        using var plain = await LocalDynamo.SessionAsync(key);
        using var raw = await LocalDynamo.RawClientAsync(key);
        var namings = Enumerable.Range(0, 6).Select(i => plain.WithTableNames(TableNames.Prefix($"tenant{i}_"))).ToArray();
        await Task.WhenAll(namings.Select(s => Run.Value(createTable(Users), s)));
        var root = BindingRoot.New(plain);

        // 120 flows at once, half through the core and half through the facade, each in restore mode over one naming.
        using var start = new System.Threading.ManualResetEventSlim(false);
        var flows = Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var naming = namings[i % namings.Length];
            var user = new User { Id = $"f{i}", Account = $"tenant{i % namings.Length}_" };
            if (i % 2 == 0)
            {
                await Run.Value(useSession(Users, naming, from _ in save(Users, user) from p in Pause() from g in get(Users, user.Id, consistentRead: true) select g.IsSome), SessionEnv.New(root));
            }
            else
            {
                using var environment = SessionEffects.CSharp.Sessions.UseEnvironment(root);
                using var scope = SessionEffects.CSharp.Sessions.UseSession(Users, naming);
                await SessionEffects.CSharp.TableOperations.SaveAsync(Users, user);
                await Task.Yield();
                Assert.NotNull(await SessionEffects.CSharp.TableOperations.GetAsync(Users, user.Id, consistentRead: true));
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(flows);

        // Every item is in the table its flow meant, and in no other.
        for (var t = 0; t < namings.Length; t++)
        {
            var items = (await raw.ScanAsync(new ScanRequest { TableName = $"tenant{t}_users", ConsistentRead = true })).Items;
            Assert.Equal(20, items.Count);
            Assert.All(items, item => Assert.Equal($"tenant{t}_", item["Account"].S));
        }

        Assert.DoesNotContain("users", (await raw.ListTablesAsync()).TableNames);
    }

    private static LanguageExt.Aff<SessionEnv, LanguageExt.Unit> Pause() =>
        LanguageExt.Aff<SessionEnv, LanguageExt.Unit>.Effect(async _ =>
        {
            await Task.Delay(Random.Shared.Next(0, 3));
            return Prelude.unit;
        });

    private static async Task<List<string>> Ids(IAmazonDynamoDB raw, string table, string keyAttribute)
    {
        try
        {
            var items = (await raw.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true })).Items;
            return [.. items.Select(i => i[keyAttribute].S).Order(StringComparer.Ordinal)];
        }
        catch (ResourceNotFoundException)
        {
            return [];
        }
    }
}
