using System;
using Amazon.DynamoDBv2.DataModel;
using SessionEffects;          // AwsSession, DynamoTable, AssumeRoleOptions
using SessionEffects.CSharp;   // Sessions and the async table operations

var defaultAccount = AwsSession.FromProfile("default-account");
var project = AwsSession.FromProfile("shared")
    .AssumeRole(new AssumeRoleOptions("arn:aws:iam::123456789012:role/Project"));

Sessions.Configure(defaultAccount);                 // once at start-up; the SDK default chain otherwise
var users = DynamoTable.Of<User>();                       // the table mapping, as a value

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
