"""The idea board: projects by stage with their age, allowed and refused drags, the review form for
adopting, who gets the page and what they may not see."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core import projects, queries
from tests.ui.conftest import wait_idle
from tests.ui.test_boards import drop

pytestmark = pytest.mark.gui


@pytest.fixture
def ideas(bank, people, draft_data, clock):
    """Two projects of L001's studio: one submitted 4 days ago, one under review since today."""
    W, L = people["W001"], people["L001"]
    submitted = projects.propose(bank, W, draft_data | {"title": "已提交创意"}, submit=True).value
    clock.advance(days=4)
    review = projects.propose(bank, W, draft_data | {"title": "评审中创意"}, submit=True).value
    projects.start_review(bank, L, review)
    return {"submitted": submitted, "under_review": review}


def cards(page, status):
    col = page.columns[status]
    return [col.item(i).data(Qt.ItemDataRole.UserRole) for i in range(col.count())]


def make_board(qtbot, ctx):
    from app.ui.pages.idea_board import IdeaBoard
    page = IdeaBoard(ctx)
    qtbot.addWidget(page)
    return page


def test_cards_by_stage_with_their_age(qtbot, people, ideas, make_ctx):
    from app.ui.pages.idea_board import CARD_ROLE
    page = make_board(qtbot, make_ctx(people["L001"]))
    assert cards(page, "submitted") == [ideas["submitted"]]
    assert cards(page, "under_review") == [ideas["under_review"]]
    assert "(1)" in page.headers["submitted"].text() and "(0)" in page.headers["adopted"].text()
    card = page.columns["submitted"].item(0).data(CARD_ROLE)
    assert card["title"] == "已提交创意" and card["line1"] == "张三" and card["days"] == 4
    assert "4" in card["line2"]
    assert page.columns["under_review"].item(0).data(CARD_ROLE)["days"] == 0


def test_an_allowed_drag_moves_the_project(qtbot, bank, people, ideas, make_ctx):
    ctx = make_ctx(people["L001"])
    page = make_board(qtbot, ctx)
    with qtbot.waitSignal(page.sig_moved, timeout=10000) as moved:
        drop(page, ideas["submitted"], "under_review")
    assert moved.args == [ideas["submitted"], "under_review"]
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: set(cards(page, "under_review")) == set(ideas.values()))
    assert cards(page, "submitted") == []
    assert queries.project_detail(bank, people["L001"], ideas["submitted"])["status"] == "under_review"


def test_a_refused_drag_snaps_back_with_the_reason(qtbot, bank, people, ideas, make_ctx):
    page = make_board(qtbot, make_ctx(people["L001"]))
    with qtbot.waitSignal(page.sig_refused, timeout=5000) as refused:
        drop(page, ideas["submitted"], "completed")  # no action leads there
    assert "已提交" in refused.args[0] and "评审中" in refused.args[0]
    assert cards(page, "submitted") == [ideas["submitted"]] and cards(page, "completed") == []
    assert page.message.text() == refused.args[0]
    # The core refuses too: another studio's leader may not start the review (admin's board shows all).
    ctx = make_ctx(people["L002"])
    other = make_board(qtbot, ctx)
    other.studio.setCurrentIndex(0)  # all studios (hidden for leaders; the core still decides)
    with qtbot.waitSignal(other.sig_refused, timeout=10000) as refused:
        drop(other, ideas["submitted"], "under_review")
    wait_idle(qtbot, ctx)
    assert "孙七" in refused.args[0]
    assert cards(other, "submitted") == [ideas["submitted"]]
    assert queries.project_detail(bank, people["L001"], ideas["submitted"])["status"] == "submitted"


def test_adopting_opens_the_review_and_cancelling_snaps_back(qtbot, bank, people, ideas, make_ctx):
    page = make_board(qtbot, make_ctx(people["L001"]))
    asked = []
    page.ask_review = lambda pid: asked.append(pid) or False  # the form cancelled
    with qtbot.waitSignal(page.sig_refused, timeout=5000):
        drop(page, ideas["under_review"], "adopted")
    assert asked == [ideas["under_review"]]
    assert cards(page, "under_review") == [ideas["under_review"]] and cards(page, "adopted") == []

    def reviewed(pid):  # what the form does when sent: the review with its decision
        from app.core import reviews
        from app.core.vocab import RUBRIC
        reviews.review(bank, people["L001"], pid, scores=dict.fromkeys(RUBRIC, 8), decision="adopt")
        return True
    page.ask_review = reviewed
    with qtbot.waitSignal(page.sig_moved, timeout=5000) as moved:
        drop(page, ideas["under_review"], "adopted")
    assert moved.args == [ideas["under_review"], "adopted"]
    assert cards(page, "adopted") == [ideas["under_review"]]


def test_double_click_opens_the_project(qtbot, people, ideas, make_ctx):
    page = make_board(qtbot, make_ctx(people["L001"]))
    col = page.columns["submitted"]
    with qtbot.waitSignal(page.sig_open_record, timeout=5000) as opened:
        col.itemDoubleClicked.emit(col.item(0))
    assert opened.args == ["project", ideas["submitted"]]
    assert page.select_record("project", ideas["submitted"]) and not page.select_record("project", "nope")


def test_only_leaders_and_admins_get_the_page(people):
    from app.ui.pages import specs
    for role, shown in (("worker", False), ("base", False), ("leader", True), ("admin", True)):
        assert ("idea_board" in [s.key for s in specs(role)]) is shown, role


def test_a_secret_project_the_viewer_may_not_see_is_not_on_the_board(qtbot, bank, people, draft_data, make_ctx):
    W = people["W001"]
    public = projects.propose(bank, W, draft_data | {"title": "公开创意"}, submit=True).value
    secret = projects.propose(bank, W, draft_data | {"title": "秘密创意", "confidentiality": "secret"}, submit=True).value
    own = make_board(qtbot, make_ctx(people["L001"]))
    assert set(cards(own, "submitted")) == {public, secret}
    other = make_board(qtbot, make_ctx(people["L002"]))
    other.studio.setCurrentIndex(0)  # every studio: still not the secret one
    assert cards(other, "submitted") == [public]
    assert "(1)" in other.headers["submitted"].text()
