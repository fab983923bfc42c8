using System;
using Amazon.DynamoDBv2.DataModel;
using SessionEffects;          // AwsSession, DynamoTable
using SessionEffects.CSharp;   // Sessions and the async table operations
using SessionEffects.Testing;  // DynamoDbLocal: Amazon's DynamoDB Local, started and stopped here

await using var local = await DynamoDbLocal.StartAsync();   // in memory, on a free loopback port
using var defaultAccount = local.NewAccount("Default");     // DynamoDB Local keeps one database per access key:
using var project = local.NewAccount("Project");            // two keys, two accounts

Sessions.Configure(defaultAccount);                 // once at start-up; the SDK default chain otherwise
var users = DynamoTable.Of<User>();                 // the table mapping, as a value

using (Sessions.UseSession(users, project))         // restoreOnExit: true by default
{
    await users.CreateTableAsync();
    await users.SaveAsync(new User { Id = "42", Name = "Alice" });
}                                                   // back on the default account here

using (Sessions.UseSession(users, project, restoreOnExit: false)) { }   // keep: the switch stays
var alice = await users.GetAsync("42");             // read from the project account
Console.WriteLine($"{alice?.Name} via {Sessions.CurrentSession(users)}");
var named = await users.Query().Where(u => u.Id == "42").ToListAsync();   // LINQ, translated to a key query
Console.WriteLine($"query found {named.Count} user(s) named {named[0].Name}");
await foreach (var user in users.ScanAsync())       // streamed page by page
{
    Console.WriteLine($"scanned {user.Id}: {user.Name}");
}

Sessions.ResetConnection(users);                    // back to the default account
Console.WriteLine($"table exists in the default account: {await users.ExistsAsync()}");

[DynamoDBTable("users")]
public sealed class User
{
    [DynamoDBHashKey("id")] public string Id { get; set; } = "";
    [DynamoDBProperty("name")] public string Name { get; set; } = "";
}
