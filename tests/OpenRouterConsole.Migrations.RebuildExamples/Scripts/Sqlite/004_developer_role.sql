-- Test-only migration 4: messages accepts the 'developer' role. Its index is recreated by the rebuild.
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK(role IN ('system','developer','user','assistant','tool')),
    content TEXT NOT NULL,
    created_at TEXT DEFAULT (datetime('now'))
);
