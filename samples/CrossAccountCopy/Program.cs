using System;
using System.Threading;
using SessionEffects.Samples.CrossAccountCopy.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await Tool.RunAsync(args, Console.Out, Console.Error, cancel.Token);
