using OpenRouterConsole.Migrations.Cli;

return CliApplication.Run(args, Console.Out, Console.Error);
