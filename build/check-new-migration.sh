#!/usr/bin/env bash
# Adds a real migration 3 end to end, as the README's "Adding migration 3" recipe says, in a throwaway
# copy of the repository (the real tree is never touched), and proves the suite survives it:
#   1. NewMigration scaffolds it (files, checksum lines, test stub; refusals of a bad or taken name);
#   2. real up and down SQL are written, and the manifest updated (UpdateMigrationSums);
#   3. the test stub is replaced by a real test;
#   4. the snapshot test writes schema-v3.received.txt, which is approved by renaming it;
#   5. the fast test suite runs: every test passes, and nothing else was edited;
#   6. NewMigration --rebuild=messages scaffolds a table rebuild from the table's current definition.
# Slow (a build and the fast suite), so CI calls it as a step of its own: bash build/check-new-migration.sh
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
# CHECK_KEEP=1 keeps the copy for a look after a failure.
[[ "${CHECK_KEEP:-}" == 1 ]] && echo "check-new-migration: working in $work" || trap 'rm -rf "$work"' EXIT

tar -C "$repo" --exclude=./.git --exclude=./artifacts --exclude='bin' --exclude='obj' -cf - . | tar -C "$work" -xf -
cd "$work"
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm before
dotnet tool restore >/dev/null

fail() { echo "check-new-migration: FAILED: $*" >&2; exit 1; }

# 1. Scaffold.
dotnet cake --target=NewMigration --name=add_tags_table

migrations=src/OpenRouterConsole.Migrations
tests=tests/OpenRouterConsole.Migrations.Tests
up="$migrations/Scripts/Sqlite/003_add_tags_table.sql"
down="$migrations/Scripts/Sqlite/003_add_tags_table_down.sql"
class="$migrations/Migrations/M003_AddTagsTable.cs"
test_stub="$tests/Migrations/M003_AddTagsTableTests.cs"
for file in "$up" "$down" "$class" "$test_stub"; do
    [[ -f "$file" ]] || fail "$file was not created"
    ! grep -q $'\r' "$file" || fail "$file has CRLF line endings"
done
grep -q '\[Migration(3, "Add tags table")\]' "$class" || fail "$class lacks [Migration(3, \"Add tags table\")]"
grep -q 'Assert.Fail("Write the tests of migration 3' "$test_stub" || fail "$test_stub lacks the failing Assert.Fail"
for script in "$up" "$down"; do
    expected="$(sha256sum "$script" | cut -d' ' -f1)  Sqlite.$(basename "$script")"
    grep -qxF "$expected" "$migrations/migrations.sum" || fail "migrations.sum lacks '$expected'"
done
if dotnet cake --target=NewMigration --name=add_tags_table >/dev/null 2>&1; then
    fail "a second add_tags_table was not refused"
fi
if dotnet cake --target=NewMigration --name=Not-Snake >/dev/null 2>&1; then
    fail "the name Not-Snake was not refused"
fi

# 2. Real SQL, then the manifest.
cat > "$up" <<'SQL'
-- Migration 3: tags on sessions.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT DEFAULT (datetime('now'))
);
CREATE INDEX idx_tags_session ON tags(session_id);
SQL
cat > "$down" <<'SQL'
-- Migration 3 down: nothing points at tags, so dropping it touches no other row.
DROP TABLE tags;
SQL
dotnet cake --target=UpdateMigrationSums --migration=3

# 3. The test, where the stub was.
cat > "$test_stub" <<'CS'
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

public sealed class M003_AddTagsTableTests
{
    [Test]
    public void Migration3_UpThenRollbackTo2_KeepsEveryRowAndLink()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        database.ExecuteFixture(Fixtures.SeedData);
        var before = TableContent.Checksums(database);

        database.MigrateTo(3);
        database.Execute("INSERT INTO tags (session_id, name) SELECT id, 'work' FROM sessions");
        database.Scalar<long>("SELECT count(*) FROM tags").ShouldBe(database.Scalar<long>("SELECT count(*) FROM sessions"));
        database.RollbackTo(2);

        database.ApplicationTables().ShouldNotContain("tags");
        TableContent.Checksums(database).ShouldBe(before);
    }
}
CS

# 4. The snapshot test writes schema-v3.received.txt only; approve it.
dotnet build OpenRouterConsole.Migrations.sln -nologo -v:quiet
dotnet test "$tests" --no-build --filter "FullyQualifiedName~SchemaSnapshotTests" >/dev/null 2>&1 || true
received=$(cd "$tests/Approved" && ls *.received.txt 2>/dev/null || true)
[[ "$received" == "schema-v3.received.txt" ]] || fail "expected exactly schema-v3.received.txt, found: ${received:-nothing}"
grep -q '^table tags AUTOINCREMENT$' "$tests/Approved/schema-v3.received.txt" || fail "schema-v3.received.txt lacks the tags table"
mv "$tests/Approved/schema-v3.received.txt" "$tests/Approved/schema-v3.approved.txt"

# 5. The fast suite, with nothing else edited.
changed=$(git status --porcelain --untracked-files=all | grep -v '/bin/\|/obj/' | awk '{print $2}' | sort | tr '\n' ' ')
expected_changes="$class $up $down $migrations/migrations.sum $tests/Approved/schema-v3.approved.txt $test_stub "
expected_sorted=$(echo $expected_changes | tr ' ' '\n' | sort | tr '\n' ' ')
[[ "$changed" == "$expected_sorted" ]] || fail "files changed beyond the new migration's: $changed"
dotnet test "$tests" --no-build --filter "TestCategory!=Slow" -nologo > test.log 2>&1 || true
grep -E '^\s+Failed ' test.log | head -100 || true
tail -1 test.log
grep -q '^Passed!' test.log || fail "the fast suite did not pass with migration 3 added"

# 6. A table rebuild scaffold starts from the table's current definition (here messages, with its CHECK).
dotnet cake --target=NewMigration --name=allow_developer_role --rebuild=messages >/dev/null
rebuild_up="$migrations/Scripts/Sqlite/004_allow_developer_role.sql"
grep -q "^CREATE TABLE messages (" "$rebuild_up" || fail "$rebuild_up lacks the current CREATE TABLE messages"
grep -qF "CHECK(role IN ('system','user','assistant','tool'))" "$rebuild_up" || fail "$rebuild_up lacks the current CHECK"
grep -q "TableRebuildMigration" "$migrations/Migrations/M004_AllowDeveloperRole.cs" || fail "the rebuild scaffold is not a TableRebuildMigration"
echo "check-new-migration: OK"
