"""Engines and sessions for SQLite (the desktop) and PostgreSQL (the hub).

SQLite is set up for durability and real transactions: WAL, synchronous=FULL (a committed idea
survives a power cut), foreign keys on every connection, and SQLAlchemy's recipe that turns off the
sqlite3 driver's own transaction handling so BEGIN is emitted when SQLAlchemy begins.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another's lock before giving up with a clear message


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)

    in_memory = parsed.database in (None, "", ":memory:")
    busy = BUSY_TIMEOUT_S
    connect_args = {"timeout": busy, "check_same_thread": False}
    if in_memory:  # one shared connection, or every session would see its own empty database
        engine = create_engine(url, echo=echo, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, echo=echo, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's recipe: we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock up front (BEGIN IMMEDIATE) so two writers queue instead of
        # failing with "database is locked" when a read lock is upgraded mid-transaction.
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning write transactions immediately on SQLite."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine
