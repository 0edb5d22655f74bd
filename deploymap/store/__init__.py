"""The store of record: one class over SQLite or PostgreSQL, its dialects, URL and migrations."""
