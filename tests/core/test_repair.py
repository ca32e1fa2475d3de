"""`check` covers every attached file, `check --repair` repairs what it can (issue 14 item 15).

Before: a tampered team-log file and a deleted incubation file passed "Check passed"; re-attaching a
good copy of a damaged file kept the damaged copy; nothing repaired anything."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from sqlalchemy import update

from app.cli import main
from app.core import attachments, incubation, teams
from app.core.integrity import check_bank
from app.core.paths import attachment_path
from app.core.repair import repair
from db.models import Project
from tests.core.test_incubation import REQUEST, adopted_project


@pytest.fixture
def files(bank, people, draft_data, tmp_path):
    """A project attachment, a team log attachment and an incubation progress attachment."""
    originals = tmp_path / "originals"
    originals.mkdir()
    made = {}
    for key, name, data in (("project", "方案.pdf", b"%PDF-1.4 the plan"), ("team", "会议纪要.txt", "会议纪要".encode()),
                            ("incubation", "样机.jpg", b"\xff\xd8 prototype photo")):
        path = originals / name
        path.write_bytes(data)
        made[key] = hashlib.sha256(data).hexdigest()
    pid = adopted_project(bank, people, draft_data)
    attachments.add(bank, people["L001"], pid, originals / "方案.pdf")
    teams.create_team(bank, people["L001"], "防雨罩攻关队", "攻关队")
    teams.log_activity(bank, people["L001"], "防雨罩攻关队", "meeting", "第一次会议", files=[originals / "会议纪要.txt"])
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    incubation.submit(bank, people["L001"], rid)
    incubation.accept(bank, people["B001"], rid)
    incubation.start(bank, people["B001"], rid)
    incubation.update_milestone(bank, people["B001"], rid, 1, "样机完成", files=[originals / "样机.jpg"])
    assert check_bank(bank) == []
    return made, originals, pid


def test_check_covers_team_and_incubation_files(bank, people, files):
    made, _, _ = files
    attachment_path(bank.data_dir, made["team"]).write_bytes(b"tampered")
    attachment_path(bank.data_dir, made["incubation"]).unlink()
    problems = {p.sha256: p for p in check_bank(bank)}
    assert set(problems) == {made["team"], made["incubation"]}
    assert problems[made["team"]].code == "file_damaged" and "团队活动" in problems[made["team"]].message
    assert problems[made["incubation"]].code == "file_missing" and "孵化" in problems[made["incubation"]].message


def test_reattaching_a_good_copy_replaces_a_damaged_file(bank, people, files):
    made, originals, pid = files
    stored = attachment_path(bank.data_dir, made["project"])
    stored.write_bytes(b"bit rot")
    attachments.add(bank, people["L001"], pid, originals / "方案.pdf")
    assert stored.read_bytes() == (originals / "方案.pdf").read_bytes()
    assert check_bank(bank) == []
    assert [p.read_bytes() for p in (bank.data_dir / "attachments" / "damaged").iterdir()] == [b"bit rot"]


def test_repair_then_a_second_run_reports_nothing(bank, people, files):
    made, originals, pid = files
    for key in ("project", "team"):
        attachment_path(bank.data_dir, made[key]).write_bytes(b"damaged")
    attachment_path(bank.data_dir, made["incubation"]).unlink()
    with bank.write() as s:
        s.execute(update(Project).where(Project.id == pid).values(vote_count=7))
    # An index that no longer agrees with its table (what integrity_check reports, REINDEX repairs).
    conn = sqlite3.connect(bank.data_dir / "ideabank.sqlite", isolation_level=None)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_projects_title_id'").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_projects_title_id'",
                 (sql.replace("(title, id)", "(number, id)"),))
    conn.close()
    conn = sqlite3.connect(bank.data_dir / "ideabank.sqlite", isolation_level=None)
    conn.execute("UPDATE projects SET title = '标题改了，索引不知道'")  # the index follows (number, id) now
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_projects_title_id'", (sql,))
    conn.close()
    bank.engine.dispose()  # the schema changed under the pool
    assert {p.code for p in check_bank(bank)} >= {"index", "file_damaged", "file_missing"}

    first = repair(bank, people["admin"], sources=[originals])
    assert len(first.repaired) == 5 and first.remaining == [], first  # index, counts, three files
    for key in made:
        path = attachment_path(bank.data_dir, made[key])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == made[key]
    second = repair(bank, people["admin"], sources=[originals])
    assert second.repaired == [] and second.remaining == []


def test_what_cannot_be_repaired_is_reported_every_time(bank, people, files, capsys):
    made, _, _ = files
    attachment_path(bank.data_dir, made["team"]).write_bytes(b"damaged")  # no good copy anywhere
    data = str(bank.data_dir)
    bank.close()
    capsys.readouterr()
    for _ in range(2):
        assert main(["--data-dir", data, "check", "--repair", "--json"]) == 1
        out = json.loads(capsys.readouterr().out)
        assert out["repaired"] == [] and [p["sha256"] for p in out["problems"]] == [made["team"]]
    assert main(["--data-dir", data, "check", "--from", data]) == 2  # --from only with --repair
