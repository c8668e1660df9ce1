/// <summary>Stops the host as soon as it has started, so a successful run ends with exit code 0.</summary>
internal sealed class StopOnceStarted(IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("Host started.");
        lifetime.StopApplication();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
