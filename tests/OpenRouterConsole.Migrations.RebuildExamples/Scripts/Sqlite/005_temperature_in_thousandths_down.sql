-- Test-only migration 5 down: profiles as version 4 has it (openrouter_preset last, as ALTER TABLE added it).
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    system_prompt TEXT,
    temperature REAL DEFAULT 0.7,
    max_tokens INTEGER DEFAULT 2048,
    created_at TEXT DEFAULT (datetime('now')),
    openrouter_preset TEXT
);
