"""Alembic migrations, applied on start after a backup of the database file.

Opening a store that is already at `HEAD` reads its revision with one query and does not import
alembic at all (a tenth of a second a command does not need to spend); alembic is loaded when there
is something to migrate or to look up.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from db.backup import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration's revision: a new migration changes it (tests/db/test_store.py compares it
# with what alembic finds in db/migrations/versions).
HEAD = "0008_desk"


def alembic_config(engine: Engine | None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    if head is None:  # the program was packaged without its migrations
        raise RuntimeError(f"no alembic migrations found in {MIGRATIONS}")
    return head


def is_known(revision: str) -> bool:
    """False for a revision this program does not have (the database was made by a newer version)."""
    if revision == HEAD:
        return True
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config(None)).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for unknown ids
        return False


def previous_revision(revision: str) -> str | None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))
    down = script.get_revision(revision).down_revision
    return down if isinstance(down, str) or down is None else down[0]


def current_revision(engine: Engine) -> str | None:
    """The store's revision; None for a new, empty store."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:  # no such table: nothing migrated yet
            conn.rollback()
            rows = []
    if len(rows) > 1:  # branches: never made by this program; alembic says what it makes of them
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None


def upgrade(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. On an existing SQLite file, back it up first; returns the backup path."""
    current = current_revision(engine)
    if current == HEAD:
        return None
    backup = None
    db_path = engine.url.database
    if engine.dialect.name == "sqlite" and current is not None and db_path and db_path != ":memory:":
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or Path(db_path).parent / "backups"
        backup = backup_sqlite(Path(db_path), folder / f"before-migration-{current}-{stamp}.sqlite")
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return backup
