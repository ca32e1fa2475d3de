"""`ideabank check`: a sound store reports nothing; each kind of damage is named."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import select, update

from app.core import demo, projects
from app.core.errors import PermissionDenied
from app.core.integrity import check_bank
from app.core.paths import attachment_path
from db.base import new_id
from db.models import Attachment, Project


@pytest.fixture
def filled(bank):
    demo.generate(bank, bank.actor(), 80, seed=4)
    return bank


def _first_project(bank, *where):
    with bank.session() as s:
        return s.scalar(select(Project).where(*where).order_by(Project.number).limit(1))


def _kinds(bank):
    return sorted({p.kind for p in check_bank(bank)})


def test_a_sound_store_has_no_problems(filled):
    assert check_bank(filled) == []


def test_counters_that_disagree_with_rows_are_reported(filled):
    p = _first_project(filled, Project.vote_count > 0)
    with filled.write() as s:
        s.execute(update(Project).where(Project.id == p.id).values(vote_count=p.vote_count + 5, comment_count=99))
    problems = check_bank(filled)
    assert {(x.kind, x.entity_id) for x in problems} == {("counter", p.id)}
    assert len(problems) == 2 and p.number in problems[0].message


def test_unknown_status_category_and_too_many_points(filled):
    p = _first_project(filled)
    with filled.write() as s:
        s.execute(update(Project).where(Project.id == p.id).values(status="lost", category="大发明",
                                                                    innovation_points=["1", "2", "3", "4"]))
    assert _kinds(filled) == ["category", "innovation_points", "status"]


def test_broken_foreign_keys_are_reported(filled):
    # Another program (foreign keys off by default in sqlite3) wrote a dangling vote.
    conn = sqlite3.connect(filled.engine.url.database)
    with conn:
        conn.execute("INSERT INTO votes (id, project_id, user_id, value, created_at, updated_at, site_id) "
                     "VALUES (?, 'no-such-project', 'no-such-user', 1, '2024-01-01', '2024-01-01', '')", (new_id(),))
    conn.close()
    assert "foreign_key" in _kinds(filled)


def test_attachment_files_must_exist_with_the_right_hash(bank, draft_data):
    admin = bank.actor()
    pid = projects.propose(bank, admin, draft_data).value
    body = "巡检照片".encode() * 100
    good = hashlib.sha256(body).hexdigest()
    path = attachment_path(bank.data_dir, good)
    path.parent.mkdir(parents=True)
    path.write_bytes(body)
    with bank.write() as s:
        s.add(Attachment(project_id=pid, sha256=good, original_name="before.jpg", size=len(body)))
    assert check_bank(bank) == []

    path.write_bytes(body[:-1] + b"x")  # same size, other content
    problems = check_bank(bank)
    assert [p.kind for p in problems] == ["attachment"] and "SHA-256" in problems[0].message
    assert check_bank(bank, verify_files=False) == []  # the quick check trusts the content

    path.unlink()
    problems = check_bank(bank)
    assert [p.kind for p in problems] == ["attachment"] and "before.jpg" in problems[0].message


def test_only_an_administrator_may_run_the_check(bank, people):
    with pytest.raises(PermissionDenied):
        check_bank(bank, people["L001"])
    assert check_bank(bank, people["admin"]) == []
