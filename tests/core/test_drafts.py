"""Autosaved drafts survive closing the bank and belong to one person."""
from __future__ import annotations

import pytest

from app.core import drafts
from app.core.bank import Bank
from app.core.errors import NotFound, ValidationError


def test_draft_is_saved_overwritten_and_survives_reopen(bank, people, tmp_path, clock):
    me = people["W001"]
    did = drafts.save(bank, me, {"title": "半截标题"})
    assert drafts.save(bank, me, {"title": "完整的标题", "innovation_points": ["一"]}, draft_id=did) == did
    bank.close()
    again = Bank.open(tmp_path / "data", clock=clock)
    try:
        found = drafts.latest(again, me)
        assert found.id == did and found.form["title"] == "完整的标题"
        assert len(drafts.drafts_of(again, me)) == 1
    finally:
        again.close()


def test_drafts_are_private_and_discardable(bank, people):
    mine = drafts.save(bank, people["W001"], {"title": "我的"})
    with pytest.raises(NotFound):
        drafts.load(bank, people["W002"], mine)
    # Saving under someone else's id makes a new draft instead of overwriting theirs.
    theirs = drafts.save(bank, people["W002"], {"title": "他的"}, draft_id=mine)
    assert theirs != mine and drafts.load(bank, people["W001"], mine).form == {"title": "我的"}
    drafts.discard(bank, people["W001"], mine)
    assert drafts.latest(bank, people["W001"]) is None


def test_drafts_per_project(bank, people):
    me = people["W001"]
    drafts.save(bank, me, {"title": "新项目"})
    drafts.save(bank, me, {"title": "改项目"}, project_id="p1")
    assert drafts.latest(bank, me).form["title"] == "新项目"
    assert drafts.latest(bank, me, "p1").form["title"] == "改项目"


def test_oversized_draft_refused(bank, people):
    with pytest.raises(ValidationError):
        drafts.save(bank, people["W001"], {"background": "字" * 1_000_001})
