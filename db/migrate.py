"""Alembic migrations, applied on start after a backup of the database file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.backup import backup_sqlite

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()
    if head is None:  # the program was packaged without its migrations
        raise RuntimeError(f"no alembic migrations found in {MIGRATIONS}")
    return head


def is_known(revision: str) -> bool:
    """False for a revision this program does not have (the database was made by a newer version)."""
    try:
        return ScriptDirectory.from_config(alembic_config(None)).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for unknown ids
        return False


def previous_revision(revision: str) -> str | None:
    script = ScriptDirectory.from_config(alembic_config(None))
    down = script.get_revision(revision).down_revision
    return down if isinstance(down, str) or down is None else down[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. On an existing SQLite file, back it up first; returns the backup path."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    db_path = engine.url.database
    if engine.dialect.name == "sqlite" and current is not None and db_path and db_path != ":memory:":
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or Path(db_path).parent / "backups"
        backup = backup_sqlite(Path(db_path), folder / f"before-migration-{current}-{stamp}.sqlite")
    command.upgrade(alembic_config(engine), "head")
    return backup
