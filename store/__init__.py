"""Persistence: SQLModel tables (models), engine and sessions (db), and the queries the core needs."""
