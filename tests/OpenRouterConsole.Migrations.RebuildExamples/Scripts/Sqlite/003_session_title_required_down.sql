-- Test-only migration 3 down: sessions as version 2 has it.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    session_type TEXT NOT NULL,
    title TEXT,
    profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
    created_at TEXT DEFAULT (datetime('now'))
);
