"""The project lifecycle through the core, with roles, reasons, audit and notices."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core import discussion, projects, reviews
from app.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationError
from app.core.queries import project_detail
from db.models import AuditLog, Comment, Notification, Project


def test_propose_creates_a_draft_with_proposer_first(bank, people, draft_data):
    ch = projects.propose(bank, people["W001"], draft_data | {"co_authors": ["W002"]})
    detail = project_detail(bank, people["W001"], ch.value)
    assert detail["status"] == "draft"
    assert detail["category"] == "innovation"
    assert detail["expected_benefit"] == 12000.0
    assert [m["employee_no"] for m in detail["members"]] == ["W001", "W002"]
    assert detail["studio"] == "王建国劳模创新工作室"  # the proposer's studio by default
    assert detail["number"].startswith("CX-2025-")
    assert ch.membership and ch.project_ids == {ch.value}


def test_full_lifecycle_to_promoted(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    projects.submit(bank, people["W001"], pid)
    reviews.review(bank, people["L001"], pid, scores={"creativity": 9, "practicality": 8, "economic": 7, "social": 6, "promotion": 7}, decision="adopt",
                   reason="实用")
    projects.start_work(bank, people["W001"], pid)
    projects.complete(bank, people["L001"], pid)
    projects.move(bank, people["B001"], pid, "incubate")
    ch = projects.move(bank, people["B001"], pid, "promote")
    assert ch.value == "promoted"
    with bank.session() as s:
        statuses = [a.new_value for a in s.scalars(select(AuditLog).where(AuditLog.entity_id == pid,
                                                                            AuditLog.field == "status"))]
    assert statuses == ["submitted", "under_review", "adopted", "in_progress", "completed", "incubating", "promoted"]


def test_illegal_transition_is_refused_and_changes_nothing(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    with pytest.raises(InvalidTransition, match="草稿"):
        projects.complete(bank, people["L001"], pid)
    assert project_detail(bank, people["W001"], pid)["status"] == "draft"


def test_not_adopt_needs_a_reason_and_notifies_author(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    projects.start_review(bank, people["L001"], pid)
    with pytest.raises(ValidationError, match="理由"):
        projects.not_adopt(bank, people["L001"], pid, "  ")
    projects.not_adopt(bank, people["L001"], pid, "与已有项目重复")
    with bank.session() as s:
        notes = s.scalars(select(Notification).where(Notification.user_id == people["W001"].id)).all()
    assert any("与已有项目重复" in n.message and n.kind == "decision" for n in notes)


def test_workers_cannot_review_and_leaders_only_their_studio(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    with pytest.raises(PermissionDenied):
        reviews.review(bank, people["W002"], pid, decision="adopt")
    with pytest.raises(PermissionDenied):
        projects.start_review(bank, people["L002"], pid)  # another studio's leader
    projects.start_review(bank, people["L001"], pid)


def test_submit_requires_content(bank, people):
    pid = projects.propose(bank, people["W001"], {"title": "只有标题", "category": "小建议"}).value
    with pytest.raises(ValidationError) as err:
        projects.submit(bank, people["W001"], pid)
    assert len(err.value.details) == 3


def test_propose_validation_reports_every_field(bank, people):
    with pytest.raises(ValidationError) as err:
        projects.propose(bank, people["W001"], {"title": "", "category": "大发明",
                                                 "innovation_points": ["a", "b", "c", "d"],
                                                 "expected_benefit": "很多"})
    assert len(err.value.details) == 4
    assert projects_count(bank) == 0


def projects_count(bank):
    from app.core.queries import count
    return count(bank)


def test_edit_audits_fields_and_detects_conflicts(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    stamp = project_detail(bank, people["W001"], pid)["updated_at"]
    import datetime as dt
    expected = dt.datetime.fromisoformat(stamp)
    ch = projects.edit(bank, people["W001"], pid, {"title": "新标题"}, expected_updated_at=expected)
    assert ch.fields == {"title"} and not ch.membership
    with pytest.raises(Conflict):
        projects.edit(bank, people["W001"], pid, {"title": "再改"}, expected_updated_at=expected - dt.timedelta(1))
    history = project_detail(bank, people["W001"], pid)["history"]
    assert any(h["field"] == "title" and h["old"] == draft_data["title"] and h["new"] == "新标题" for h in history)
    # Others cannot edit someone else's draft
    with pytest.raises(PermissionDenied):
        projects.edit(bank, people["W002"], pid, {"title": "x"})


def test_comments_votes_and_mentions(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    c1 = discussion.comment(bank, people["W002"], pid, "好主意 @王建国 请看看").value
    discussion.comment(bank, people["W001"], pid, "谢谢", parent_id=c1)
    discussion.vote(bank, people["W002"], pid)
    with pytest.raises(Conflict):
        discussion.vote(bank, people["W002"], pid)
    detail = project_detail(bank, people["W002"], pid)
    assert detail["vote_count"] == 1 and detail["voted"] and detail["comment_count"] == 2
    assert detail["comments"][1]["parent_id"] == c1
    with bank.session() as s:
        kinds = {(n.user_id, n.kind) for n in s.scalars(select(Notification))}
    assert (people["L001"].id, "mention") in kinds
    assert (people["W001"].id, "comment") in kinds
    assert (people["W002"].id, "reply") in kinds
    with pytest.raises(ValidationError):
        discussion.comment(bank, people["W002"], pid, "   ")
    with pytest.raises(NotFound):
        discussion.comment(bank, people["W002"], "no-such-id", "hi")


def test_every_project_write_moves_the_change_sequence(bank, people, draft_data):
    """What the search index and synchronisation follow: each write's rows carry a new, higher number."""
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value  # others may comment
    with bank.session() as s:
        proposed = s.get(Project, pid).seq
    discussion.comment(bank, people["W002"], pid, "评论")
    with bank.session() as s:
        comment = s.scalar(select(Comment).where(Comment.project_id == pid))
        assert comment.seq > proposed and s.get(Project, pid).seq == comment.seq  # the same transaction


def test_merge_carries_votes_comments_and_people(bank, people, draft_data):
    a = projects.propose(bank, people["W001"], draft_data, submit=True).value
    b = projects.propose(bank, people["W002"], draft_data | {"title": "重复的想法"}, submit=True).value
    discussion.vote(bank, people["W002"], a)
    discussion.vote(bank, people["W002"], b)  # same voter on both: counted once
    discussion.vote(bank, people["W001"], b)
    discussion.comment(bank, people["W001"], b, "合并前的评论")
    projects.merge(bank, people["L001"], a, b)
    survivor = project_detail(bank, people["L001"], a)
    assert survivor["vote_count"] == 2 and survivor["comment_count"] == 1
    assert {m["employee_no"] for m in survivor["members"]} == {"W001", "W002"}
    assert project_detail(bank, people["L001"], b)["merged_into"] == a
    with pytest.raises(Conflict):
        projects.merge(bank, people["L001"], a, b)
