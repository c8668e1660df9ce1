using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Execution;

/// <summary>All steps of one migrate or rollback commit together or not at all.</summary>
public sealed class TransactionTests
{
    [Test]
    public void Migrate_SecondStepFails_LeavesTheFileExactlyAsItWas()
    {
        using var database = new TestDatabase();
        database.FailWhenRecording(2);
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Kind.ShouldBe(MigrationErrorKind.Failed);
        error.Message.ShouldStartWith("Migration 2 (Add profiles.openrouter_preset) failed up:");
        database.Bytes().ShouldBe(bytesBefore, "migration 1 must be rolled back with migration 2");
        database.ApplicationTables().ShouldBeEmpty();
    }

    [Test]
    public void RollbackAll_SecondStepFails_KeepsTheLatestSchemaAndData()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        database.FailWhenForgetting(1);
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.Migrator().Rollback(RollbackTarget.All));

        error.Message.ShouldStartWith("Migration 1 (Initial schema) failed down:");
        database.Bytes().ShouldBe(bytesBefore, "the revert of migration 2 must be rolled back too");
        database.RecordedVersions().ShouldBe(Versions.All);
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE openrouter_preset IS NOT NULL").ShouldBe(3);
    }
}
