-- Test-only migration 3: sessions.title becomes NOT NULL DEFAULT ''.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    session_type TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
    created_at TEXT DEFAULT (datetime('now'))
);
