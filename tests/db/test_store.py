"""The SQLite store: pragmas on every connection, real transactions, migrations with a backup first."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, select, text

from app.core import projects
from app.core.bank import Bank
from app.core.errors import StorageError
from db import migrate
from db.backup import backup_sqlite
from db.engine import make_engine
from db.models import Project, Tombstone


def test_every_connection_has_wal_and_foreign_keys(bank):
    for _ in range(3):  # new connections each time (file databases are not pooled statically)
        with bank.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(bank):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with bank.write() as s:
            s.execute(text("INSERT INTO votes (id, project_id, user_id, value, created_at, updated_at, site_id) "
                           "VALUES ('v', 'missing', 'missing', 1, '2025-01-01', '2025-01-01', '')"))


def test_a_failed_use_case_leaves_nothing_behind(bank, people, draft_data, monkeypatch):
    """One transaction per use case: an error after some rows were written rolls all of them back."""
    def boom(*args, **kwargs):
        raise RuntimeError("power cut")
    monkeypatch.setattr(projects, "_set_members", boom)  # after the project row was flushed
    with pytest.raises(RuntimeError):
        projects.propose(bank, people["W001"], draft_data)
    with bank.session() as s:
        assert s.scalar(select(Project.id)) is None
        assert s.scalar(text("SELECT count(*) FROM audit_log WHERE action = 'propose'")) == 0


def test_transactions_are_real_on_the_sqlite_driver(bank):
    """With pysqlite's own transaction handling a SAVEPOINT/rollback would silently not roll back."""
    with bank.write() as s:
        s.execute(text("INSERT INTO settings (key, value) VALUES ('a', '1')"))
        nested = s.begin_nested()
        s.execute(text("INSERT INTO settings (key, value) VALUES ('b', '2')"))
        nested.rollback()
    with bank.session() as s:
        keys = set(s.scalars(text("SELECT key FROM settings WHERE key IN ('a', 'b')")))
    assert keys == {"a"}


def test_ids_are_uuid7_and_rows_carry_site_and_times(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    assert pid[14] == "7"  # the version nibble of a UUIDv7
    with bank.session() as s:
        p = s.get(Project, pid)
        assert p.site_id == bank.site_id and p.created_at.tzinfo is not None


def test_deletion_leaves_a_tombstone(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    projects.delete_project(bank, people["W001"], pid)
    with bank.session() as s:
        assert s.get(Project, pid) is None
        stone = s.scalar(select(Tombstone).where(Tombstone.entity_id == pid))
        assert stone.entity == "project" and stone.site_id == bank.site_id


def test_migrations_from_empty_match_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert migrate.upgrade(engine) is None  # a new database needs no backup
    assert migrate.current_revision(engine) == migrate.head_revision()
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import Base
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], diff
    engine.dispose()


def test_upgrade_backs_up_an_existing_database_first(tmp_path):
    previous = migrate.previous_revision(migrate.head_revision())
    if previous is None:
        pytest.skip("only one migration exists: nothing older to upgrade from")
    data = tmp_path / "data"
    data.mkdir()
    engine = make_engine(f"sqlite:///{data / 'ideabank.sqlite'}")
    from alembic import command
    command.upgrade(migrate.alembic_config(engine), previous)  # a database made by the previous version
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('marker', '\"old\"')")
    engine.dispose()
    bank = Bank.open(data)
    bank.close()
    assert bank.backup_made is not None and bank.backup_made.parent == data / "backups"
    with sqlite3.connect(bank.backup_made) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
        assert conn.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone() == ('"old"',)


def test_backup_is_a_consistent_copy_while_open(bank, people, draft_data, tmp_path):
    projects.propose(bank, people["W001"], draft_data)
    target = backup_sqlite(bank.data_dir / "ideabank.sqlite", tmp_path / "b" / "copy.sqlite")
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT title FROM projects").fetchone() == (draft_data["title"],)


def test_a_newer_database_is_refused_clearly(tmp_path):
    data = tmp_path / "data"
    Bank.open(data).close()
    with sqlite3.connect(data / "ideabank.sqlite") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="新"):
        Bank.open(data)


def test_unwritable_data_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="--data-dir"):
        Bank.open(blocker / "sub")


@pytest.mark.postgres
def test_migrations_and_round_trip_on_postgresql(postgres_db, tmp_path, clock):
    """The same models and migrations on a real PostgreSQL server (the hub)."""
    from app.core import discussion, reviews
    from app.core import people as P
    from app.core.queries import page, project_detail
    bank = Bank.open(tmp_path / "pg", postgres_db, clock=clock)
    try:
        tables = set(inspect(bank.engine).get_table_names())
        assert {"projects", "users", "studios", "audit_log", "alembic_version"} <= tables
        admin = bank.actor()
        P.add_unit(bank, admin, "变电运维车间", "workshop")
        P.add_user(bank, admin, "L1", "王建国", role="leader", unit="变电运维车间")
        P.add_studio(bank, admin, "王建国工作室", "provincial", unit="变电运维车间", leader="L1")
        P.add_user(bank, admin, "W1", "张三", studio="王建国工作室")
        w, leader = bank.actor("W1"), bank.actor("L1")
        pid = projects.propose(bank, w, {"title": "绝缘子清扫工具", "category": "小发明", "background": "背景",
                                         "solution": "方案", "innovation_points": ["一", "二"], "tags": ["绝缘子"],
                                         "expected_benefit": 5000}, submit=True).value
        discussion.comment(bank, leader, pid, "@张三 很好")
        reviews.review(bank, leader, pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt")
        detail = project_detail(bank, w, pid)
        assert detail["status"] == "adopted" and detail["innovation_points"] == ["一", "二"]
        assert detail["comments"][0]["body"] == "@张三 很好"
        assert detail["created_at"].endswith("+00:00")
        assert [r.title for r in page(bank)] == ["绝缘子清扫工具"]
        from alembic import command
        command.downgrade(migrate.alembic_config(bank.engine), "base")
        assert "projects" not in set(inspect(bank.engine).get_table_names())
    finally:
        bank.close()


def test_the_head_the_program_knows_is_alembics_head():
    """Opening an up-to-date store compares with migrate.HEAD instead of loading alembic: a new
    migration must move it, or stores would not be migrated."""
    assert migrate.HEAD == migrate.head_revision()
