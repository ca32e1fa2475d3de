"""Reports kept until the bank changes (app/core/analytics/cache.py): the same question again is read
from the kept file; any write, another viewer or another filter asks the database again; the files
are private to the account; a damaged file or a read-only folder only costs a recomputation."""
from __future__ import annotations

import datetime as dt
import stat

import pytest

from app.core import analytics, discussion, kept, projects
from app.core.analytics import Scope
from tests.core import analytics_data


@pytest.fixture
def counted(monkeypatch):
    """How many times the figures were computed from the database."""
    calls = []
    compute = analytics._compute

    def counting(*args, **kwargs):
        calls.append(args[1])
        return compute(*args, **kwargs)
    monkeypatch.setattr(analytics, "_compute", counting)
    return calls


def kept_files(bank):
    return sorted((bank.data_dir / kept.FOLDER).glob("*.json"))


def test_the_same_question_is_answered_from_the_kept_report_until_the_bank_changes(bank, people, clock, counted):
    ids = analytics_data.build(bank, people, clock)
    admin = people["admin"]
    first = analytics.report(bank, Scope(admin))
    again = analytics.report(bank, Scope(admin))
    assert again == first and len(counted) == 1
    assert analytics.report(bank, Scope(admin), fresh=True) == first and len(counted) == 2

    discussion.comment(bank, people["W001"], ids["P1"], "一个评论")  # any write: the kept report is not used
    assert analytics.report(bank, Scope(admin)) == first and len(counted) == 3
    projects.propose(bank, people["W001"], analytics_data.BASE | {"title": "新项目", "category": "小建议"}, submit=True)
    after = analytics.report(bank, Scope(admin))
    assert len(counted) == 4 and after["count"] == first["count"] + 1


def test_each_viewer_and_filter_has_its_own_report(bank, people, clock, counted):
    analytics_data.build(bank, people, clock)
    admin = analytics.report(bank, Scope(people["admin"]))
    worker = analytics.report(bank, Scope(people["W002"]))  # may not see the secret P5 the admin counted
    assert len(counted) == 2 and worker["expected_benefit"] == admin["expected_benefit"] - 1_000_000 + 7_000
    year = analytics.report(bank, Scope(people["admin"], date_from=dt.date(2025, 1, 1)))
    assert len(counted) == 3 and year["count"] == admin["count"]
    assert analytics.report(bank, Scope(people["W002"])) == worker and len(counted) == 3


def test_kept_reports_are_private_and_a_damaged_one_is_made_again(bank, people, clock, counted, monkeypatch):
    analytics_data.build(bank, people, clock)
    admin = people["admin"]
    first = analytics.report(bank, Scope(admin))
    (path,) = kept_files(bank)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.write_text('{"count": ', encoding="utf-8")  # cut short (it is written by rename, but a disk can fail)
    assert analytics.report(bank, Scope(admin)) == first and len(counted) == 2
    assert analytics.report(bank, Scope(admin)) == first and len(counted) == 2  # written anew
    monkeypatch.setattr(kept, "KEEP", 2)
    for studio in ("王建国劳模创新工作室", "输电工作室"):
        from app.core.analytics.scope import scope_for
        analytics.report(bank, scope_for(bank, admin, studio=studio))
    assert len(kept_files(bank)) == 2


def test_a_folder_that_cannot_be_written_only_costs_the_recomputation(bank, people, clock, counted):
    analytics_data.build(bank, people, clock)
    (bank.data_dir / "cache").write_text("not a folder", encoding="utf-8")
    first = analytics.report(bank, Scope(people["admin"]))
    assert analytics.report(bank, Scope(people["admin"])) == first and len(counted) == 2


def test_another_version_of_the_program_works_it_out_again(bank, people, clock, counted, monkeypatch):
    analytics_data.build(bank, people, clock)
    first = analytics.report(bank, Scope(people["admin"]))
    assert kept._program() and len(counted) == 1
    changed = tuple(p + 1 for p in kept._program())
    monkeypatch.setattr(kept, "_program", lambda: changed)  # as after an upgrade or an edit
    assert analytics.report(bank, Scope(people["admin"])) == first and len(counted) == 2
