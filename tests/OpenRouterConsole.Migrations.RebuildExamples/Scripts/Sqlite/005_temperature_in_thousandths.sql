-- Test-only migration 5: temperature REAL becomes temperature_milli INTEGER (renamed, retyped).
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    system_prompt TEXT,
    temperature_milli INTEGER DEFAULT 700,
    max_tokens INTEGER DEFAULT 2048,
    created_at TEXT DEFAULT (datetime('now')),
    openrouter_preset TEXT
);
