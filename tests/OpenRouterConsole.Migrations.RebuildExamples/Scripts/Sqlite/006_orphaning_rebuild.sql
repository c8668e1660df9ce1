-- Test-only migration 6: the same table, filled wrongly by its migration class.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    session_type TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
    created_at TEXT DEFAULT (datetime('now'))
);
