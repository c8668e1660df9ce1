using System.Runtime.InteropServices;
using OpenRouterConsole.Migrations.Cli;

// Ctrl+C and SIGTERM stop a run at its next safe point (never inside the commit) rather than
// ending the process wherever it is: the lock is released and no half-made backup is kept.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return CliApplication.Run(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
