"""The inbox: the author hears of decisions and comments; unread counts; a digest once a day."""
from __future__ import annotations

from app.core import discussion, inbox, projects, reviews


def test_author_hears_of_comment_mention_and_decision(bank, people, draft_data):
    author, leader = people["W001"], people["L001"]
    pid = projects.propose(bank, author, draft_data, submit=True).value
    discussion.comment(bank, people["W002"], pid, "好主意 @王建国")
    reviews.review(bank, leader, pid, decision="not_adopt", reason="与已有项目重复")
    mine = inbox.notices(bank, author)
    # newest first: the decision, the step into review before it, then the comment
    assert [n.kind for n in mine] == ["decision", "status", "comment"]
    assert "与已有项目重复" in mine[0].message
    assert all(n.project_title == draft_data["title"] for n in mine)
    assert inbox.unread_count(bank, author) == 3
    assert [n.kind for n in inbox.notices(bank, leader)] == ["mention", "submission"]  # and the submission itself


def test_mark_read_touches_only_own_notices(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    discussion.comment(bank, people["W002"], pid, "评论一")
    discussion.comment(bank, people["W002"], pid, "评论二 @L001")
    first = inbox.notices(bank, people["W001"])[0]
    assert inbox.mark_read(bank, people["L001"], [first.id]).value == 0  # not L001's notice
    assert inbox.mark_read(bank, people["W001"], [first.id]).value == 1
    assert inbox.unread_count(bank, people["W001"]) == 1
    inbox.mark_read(bank, people["W001"])
    assert inbox.unread_count(bank, people["W001"]) == 0
    assert inbox.unread_count(bank, people["L001"]) == 2  # the mention and the submission
    assert len(inbox.notices(bank, people["W001"], unread_only=True)) == 0


def test_daily_digest_once_a_day(bank, people, draft_data, clock):
    assert inbox.daily_digest(bank, people["W001"]) is None  # nothing unread
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    for i in range(3):
        discussion.comment(bank, people["W002"], pid, f"评论 {i}")
    digest = inbox.daily_digest(bank, people["W001"])
    assert digest.total == 3 and digest.by_kind == {"comment": 3}
    assert digest.projects == [(draft_data["title"], 3)]
    assert "3" in digest.text()
    assert inbox.daily_digest(bank, people["W001"]) is None  # already given today
    clock.advance(days=1)
    assert inbox.daily_digest(bank, people["W001"]).total == 3
