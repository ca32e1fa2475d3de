"""Databases made by earlier versions upgrade to the current schema with every row intact.

The fixtures in tests/db/schemas/ were written once by make_fixtures.py at the schema named in
their file name, with rows in every table (projects at several stages, comments, votes, reviews,
teams, open calls, incubation with milestones, attachments, drafts, notices, tombstones). They are
kept as they are, the way Anki keeps old-format collections: a migration must upgrade them.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.core import discussion, incubation, integrity, projects, teams
from app.core.bank import Bank
from app.core.paths import DB_FILE, attachment_path
from app.core.queries import ProjectFilter, list_ids, project_detail
from db import migrate

SCHEMAS = Path(__file__).with_name("schemas")
FIXTURES = sorted(SCHEMAS.glob("schema_*.sqlite"))
ATTACHMENT = "雨天巡检记录"  # the one attachment's content (make_fixtures.py)

# Tables a later migration removed on purpose, with where their rows went. A table that vanishes
# without an entry here fails the test: data must never disappear by accident.
DROPPED: dict[str, str] = {
    # 0004_sync: the index follows the change sequence with its own cursor; queued projects are
    # simply rows numbered after the index's cursor (an upgraded bank's index is rebuilt once).
    "search_queue": "every row's seq (0004_sync)",
}


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def test_fixtures_cover_every_schema_since_the_first():
    revisions = {p.stem.removeprefix("schema_") for p in FIXTURES}
    assert {"0001", "0002", "0003"} <= revisions


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_old_database_upgrades_with_every_row(tmp_path, fixture):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / DB_FILE
    shutil.copyfile(fixture, db)
    before = _counts(db)
    # The attachment's file lived in the data folder beside the database (make_fixtures.py wrote it).
    blob = ATTACHMENT.encode("utf-8")
    target = attachment_path(folder, hashlib.sha256(blob).hexdigest())
    target.parent.mkdir(parents=True)
    target.write_bytes(blob)
    assert all(before.values()), "the fixture has rows in every table"

    bank = Bank.open(folder)
    try:
        assert migrate.current_revision(bank.engine) == migrate.head_revision()
        if fixture.stem != f"schema_{migrate.head_revision()}":  # the old file was kept before upgrading
            assert bank.backup_made is not None and bank.backup_made.exists()
        after = _counts(db)
        lost = {name: (n, after.get(name)) for name, n in before.items()
                if name not in DROPPED and after.get(name, 0) < n}
        assert lost == {}, "rows lost by the upgrade (table: before, after)"
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

        # The upgraded bank reads and writes like a new one.
        admin = bank.actor()
        assert len(list_ids(bank, ProjectFilter())) == before["projects"]
        ids = list_ids(bank, ProjectFilter(viewer=admin))  # other people's drafts stay private
        titles = {project_detail(bank, admin, pid)["title"] for pid in ids}
        assert "秘密：继保定值核对" in titles and "已采纳：红外测温支架" in titles
        worker = bank.actor("W002")
        assert len(list_ids(bank, ProjectFilter(viewer=worker))) < len(ids)  # the secret one stays hidden
        assert [p.message for p in integrity.check_bank(bank, admin)] == []
        if "teams" in before:
            assert [t["name"] for t in teams.list_teams(bank)] == ["防雨罩攻关队"]
            assert len(incubation.list_requests(bank)) == before["incubation_requests"]
        old = next(pid for pid in ids if project_detail(bank, admin, pid)["title"].startswith("已提交"))
        discussion.comment(bank, bank.actor("L001"), old, "升级后的评论")
        new = projects.propose(bank, bank.actor("W001"), {
            "title": "升级后的新想法", "category": "小建议", "background": "升级后", "solution": "照常工作",
            "innovation_points": ["可用"]}).value
        assert project_detail(bank, bank.actor("W001"), new)["title"] == "升级后的新想法"
    finally:
        bank.close()
