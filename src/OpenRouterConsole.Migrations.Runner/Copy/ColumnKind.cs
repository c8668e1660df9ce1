namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>What a copied column holds on both sides: SQLite's storage class and the PostgreSQL type it maps to.</summary>
internal enum ColumnKind
{
    /// <summary>SQLite INTEGER, PostgreSQL bigint.</summary>
    Integer,

    /// <summary>SQLite REAL, PostgreSQL double precision.</summary>
    Real,

    /// <summary>SQLite TEXT, PostgreSQL text.</summary>
    Text,
}
