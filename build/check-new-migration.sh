#!/usr/bin/env bash
# Checks the NewMigration target end to end, in a throwaway copy of the repository (the real tree is
# never touched): scaffolds migration "add_tags_table", checks the files and the checksum manifest,
# checks that the same name is refused the second time, then builds the solution with the new files.
# Slow (a full Release build), so CI calls it as a step of its own: bash build/check-new-migration.sh
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tar -C "$repo" --exclude=./.git --exclude=./artifacts --exclude='bin' --exclude='obj' -cf - . | tar -C "$work" -xf -
cd "$work"
dotnet tool restore >/dev/null

fail() { echo "check-new-migration: FAILED: $*" >&2; exit 1; }

dotnet cake --target=NewMigration --name=add_tags_table

migrations=src/OpenRouterConsole.Migrations
up="$migrations/Scripts/Sqlite/003_add_tags_table.sql"
down="$migrations/Scripts/Sqlite/003_add_tags_table_down.sql"
pg_up="$migrations/Scripts/Postgres/003_add_tags_table.sql"
pg_down="$migrations/Scripts/Postgres/003_add_tags_table_down.sql"
class="$migrations/Migrations/M003_AddTagsTable.cs"
test_stub=tests/OpenRouterConsole.Migrations.Tests/Migrations/M003_AddTagsTableTests.cs
for file in "$up" "$down" "$pg_up" "$pg_down" "$class" "$test_stub"; do
    [[ -f "$file" ]] || fail "$file was not created"
    ! grep -q $'\r' "$file" || fail "$file has CRLF line endings"
done
grep -q '\[Migration(3, "Add tags table")\]' "$class" || fail "$class lacks [Migration(3, \"Add tags table\")]"
grep -q 'Assert.Fail("Write the test for migration 3' "$test_stub" || fail "$test_stub lacks the failing Assert.Fail"
grep -q 'IfDatabase(ProviderIds.Postgres).Execute.EmbeddedScript("Postgres.003_add_tags_table.sql")' "$class" || fail "$class does not run the PostgreSQL script"

for script in "$up" "$down"; do
    expected="$(sha256sum "$script" | cut -d' ' -f1)  Sqlite.$(basename "$script")"
    grep -qxF "$expected" "$migrations/migrations.sum" || fail "migrations.sum lacks '$expected'"
done
for script in "$pg_up" "$pg_down"; do
    expected="$(sha256sum "$script" | cut -d' ' -f1)  Postgres.$(basename "$script")"
    grep -qxF "$expected" "$migrations/migrations.sum" || fail "migrations.sum lacks '$expected'"
done

if dotnet cake --target=NewMigration --name=add_tags_table >/dev/null 2>&1; then
    fail "a second add_tags_table was not refused"
fi
if dotnet cake --target=NewMigration --name=Not-Snake >/dev/null 2>&1; then
    fail "the name Not-Snake was not refused"
fi

dotnet build OpenRouterConsole.Migrations.sln --configuration Release -nologo -v:quiet
echo "check-new-migration: OK"
