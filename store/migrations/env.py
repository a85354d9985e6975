"""Alembic environment: runs on the connection store.db.migrate() hands over, or, when Alembic is run by hand
(`alembic -c store/alembic.ini upgrade head`), on an engine for the configured DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers every table on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    from bot.settings import load_settings
    from store.db import make_engine

    engine = make_engine(load_settings().database_url)
    with engine.begin() as connection:
        run_on(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("newsbot migrations run online only: use store.db.migrate() or `alembic upgrade head`")
run_online()
