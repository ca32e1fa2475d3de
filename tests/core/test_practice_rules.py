"""Who may do what, as the practice describes it (issue 12 item 3): a worker commissions the
incubation base for their own adopted project, a merged duplicate's author is told and a leader can
undo the merge, and delivery with open milestones waits for the studio leader's word."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core import discussion, inbox, incubation, projects, reviews
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.queries import project_detail
from db.models import Notification, ProjectMerge

REQUEST = {"services": ["试品加工"], "ip_ownership": "公司所有",
           "milestones": [{"title": "样机", "due_on": "2025-06-30"}, {"title": "试用", "due_on": "2025-09-30"}]}


def _adopted(bank, people, draft_data, who="W001", title="巡检机器人防雨罩"):
    pid = projects.propose(bank, people[who], draft_data | {"title": title}, submit=True).value
    reviews.review(bank, people["L001"], pid, scores={"creativity": 8, "practicality": 9, "economic": 7, "social": 6, "promotion": 7}, decision="adopt")
    return pid


def test_a_worker_commissions_incubation_for_their_own_adopted_project(bank, people, draft_data):
    pid = _adopted(bank, people, draft_data)
    rid = incubation.create(bank, people["W001"], pid, REQUEST).value
    incubation.submit(bank, people["W001"], rid)  # the requester carries it on
    assert incubation.detail(bank, people["W001"], rid)["status"] == "submitted"
    with pytest.raises(PermissionDenied):
        incubation.create(bank, people["W002"], pid, REQUEST)  # not theirs
    own_draft = projects.propose(bank, people["W002"], draft_data).value
    with pytest.raises(ValidationError, match="已采纳"):  # not adopted yet
        incubation.create(bank, people["W002"], own_draft, REQUEST)
    assert [p[0] for p in incubation.candidate_projects(bank, people["W001"])] == [pid]
    assert incubation.candidate_projects(bank, people["W002"]) == []


def test_a_merged_duplicates_author_is_told_and_a_leader_undoes_the_merge(bank, people, draft_data):
    survivor = projects.propose(bank, people["W001"], draft_data, submit=True).value
    duplicate = projects.propose(bank, people["W002"], draft_data | {"title": "重复的防雨罩想法"}, submit=True).value
    discussion.comment(bank, people["L001"], duplicate, "和已有项目重复")
    discussion.vote(bank, people["B001"], duplicate)
    discussion.vote(bank, people["L002"], duplicate)
    discussion.vote(bank, people["L002"], survivor)  # voted on both: one vote survives the merge
    projects.merge(bank, people["L001"], survivor, duplicate)
    told = [n for n in inbox.notices(bank, people["W002"]) if n.kind == "merge"]
    assert len(told) == 1 and "合并" in told[0].message and "撤销" in told[0].message
    after = project_detail(bank, people["admin"], survivor)
    assert after["vote_count"] == 2 and after["comment_count"] == 1
    assert [m["employee_no"] for m in after["members"]] == ["W001", "W002"]
    discussion.comment(bank, people["W001"], survivor, "合并后写在保留项目上的评论")

    with pytest.raises(PermissionDenied):
        projects.undo_merge(bank, people["L002"], duplicate)  # another studio's leader
    with pytest.raises(PermissionDenied):
        projects.undo_merge(bank, people["W002"], duplicate)
    projects.undo_merge(bank, people["L001"], duplicate)
    back = project_detail(bank, people["admin"], duplicate)
    kept = project_detail(bank, people["admin"], survivor)
    assert back["merged_into"] is None and back["vote_count"] == 2 and back["comment_count"] == 1
    assert kept["vote_count"] == 1 and kept["comment_count"] == 1  # the later comment stays where it was written
    assert [m["employee_no"] for m in kept["members"]] == ["W001"]
    assert len([n for n in inbox.notices(bank, people["W002"]) if n.kind == "merge"]) == 2
    with pytest.raises(Conflict):
        projects.undo_merge(bank, people["L001"], duplicate)  # nothing left to undo
    with bank.session() as s:
        record = s.scalar(select(ProjectMerge))
        assert record.undone_at is not None and record.undone_by == people["L001"].id


def test_delivery_with_open_milestones_waits_for_the_leader(bank, people, draft_data):
    pid = _adopted(bank, people, draft_data)
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    incubation.submit(bank, people["L001"], rid)
    incubation.accept(bank, people["B001"], rid)
    incubation.start(bank, people["B001"], rid)
    with pytest.raises(Conflict, match="样机"):
        incubation.deliver(bank, people["B001"], rid)
    with pytest.raises(PermissionDenied):
        incubation.confirm_delivery(bank, people["L002"], rid)  # not their studio
    with pytest.raises(PermissionDenied):
        incubation.confirm_delivery(bank, people["B001"], rid)  # the base cannot confirm for the studio
    assert incubation.detail(bank, people["L001"], rid)["status"] == "in_progress"
    incubation.confirm_delivery(bank, people["L001"], rid, "样机已够用，试用另行安排")
    with bank.session() as s:
        assert s.scalar(select(Notification.id).where(Notification.user_id == people["B001"].id,
                                                      Notification.message.contains("确认"))) is not None
    incubation.deliver(bank, people["B001"], rid)
    assert incubation.detail(bank, people["L001"], rid)["status"] == "delivered"


def test_delivery_with_every_milestone_done_needs_no_confirmation(bank, people, draft_data):
    pid = _adopted(bank, people, draft_data)
    rid = incubation.create(bank, people["L001"], pid, REQUEST).value
    incubation.submit(bank, people["L001"], rid)
    incubation.accept(bank, people["B001"], rid)
    incubation.start(bank, people["B001"], rid)
    for n in (1, 2):
        incubation.update_milestone(bank, people["B001"], rid, n, "完成", done=True)
    incubation.deliver(bank, people["B001"], rid)
    assert incubation.detail(bank, people["L001"], rid)["status"] == "delivered"
