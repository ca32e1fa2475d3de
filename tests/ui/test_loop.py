"""The everyday loop through real widgets (issue 15, items 1-5): the leader hears of every new
idea, the new project is shown after submitting, no adoption by accident, similar ideas usable
while proposing, Enter signs in after a failed attempt; proposing takes at most seven clicks."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core import inbox, projects, queries
from tests.ui.conftest import wait_idle
from tests.ui.test_workflow import fill_proposal

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch):
    """An error the window would show in a (modal) message box fails the test instead of waiting."""
    from app.ui.context import UiContext
    seen = []
    monkeypatch.setattr(UiContext, "show_error", lambda self, error, parent: seen.append(error))
    yield
    assert not seen, seen


def _window(qtbot, make_ctx, actor):
    from app.ui.main_window import MainWindow
    ctx = make_ctx(actor)
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    return ctx, window


def _nav(window, key):
    row = [s.key for s in window.specs].index(key)
    return window.nav.item(row).text()


def test_the_leader_hears_of_every_submission(qtbot, bank, people, make_ctx, draft_data):
    ctx, boss = _window(qtbot, make_ctx, people["L001"])
    assert _nav(boss, "review") == "待我评审"  # nothing waits yet: no number
    projects.propose(bank, people["W001"], draft_data, submit=True)
    projects.propose(bank, people["W002"], draft_data, submit=True)  # no studio: no studio leader to tell
    boss.refresh()
    assert _nav(boss, "review") == "待我评审 (1)" and _nav(boss, "inbox") == "通知 (1)"
    [notice] = inbox.notices(bank, people["L001"])
    assert notice.kind == "submission" and draft_data["title"] in notice.message and "张三" in notice.message
    digest = inbox.daily_digest(bank, people["L001"])
    assert digest.awaiting_review == 1 and "1 个项目等待你评审" in digest.text()
    # The badge follows writes made in this window, without a refresh.
    pid = queries.list_ids(bank, queries.awaiting_review(bank, people["L001"]))[0]
    from app.core import reviews
    ctx.write(lambda: reviews.review(bank, people["L001"], pid, decision="not_adopt", reason="重复"))
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: _nav(boss, "review") == "待我评审", timeout=3000)


@pytest.mark.parametrize("run", range(3))
def test_after_submitting_the_new_project_is_shown(qtbot, bank, people, make_ctx, draft_data, run):
    from app.ui.dialogs.propose import ProposeDialog
    older = [projects.propose(bank, people["W001"], draft_data | {"title": f"旧想法{i}"}).value for i in range(3)]
    ctx, window = _window(qtbot, make_ctx, people["W001"])
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.model.complete and len(page.model.ids) == 3, timeout=5000)
    page.select(older[run])
    if run == 2:  # a filter that hides the new project (only drafts listed): it is cleared
        page.filters.status.setCurrentIndex(page.filters.status.findData("draft"))
    assert page.detail.project_id == older[run]
    form = ProposeDialog(ctx, parent=window)
    qtbot.addWidget(form)
    saved = []
    form.sig_saved.connect(saved.append)
    fill_proposal(form)
    form.submit_btn.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    window.open_project(saved[-1])  # what the window does when the form closes
    qtbot.waitUntil(lambda: page.detail.project_id == saved[-1] and page.current_id() == saved[-1], timeout=5000)
    wait_idle(qtbot, ctx)
    assert page.detail.project_id == saved[-1] and page.current_id() == saved[-1]


def test_no_adoption_by_accident(qtbot, bank, people, make_ctx, draft_data):
    from app.ui.dialogs.review import ReviewDialog
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    ctx = make_ctx(people["L001"])
    dlg = ReviewDialog(ctx, pid)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.group.checkedButton() is None and not dlg.send.isEnabled()  # no decision to start with
    assert all(s.text() == "未评分" for s in dlg.scores.values())
    dlg.adopt.setChecked(True)
    assert not dlg.send.isEnabled() and "创新性" in dlg.problem.text()  # every score needed
    for i, spin in enumerate(dlg.scores.values()):
        spin.setValue(6 + i % 3)
    assert dlg.send.isEnabled()
    dlg.send.click()  # first press: the confirmation names the decision and the weighted total
    assert queries.project_detail(bank, people["L001"], pid)["status"] == "submitted"  # nothing sent yet
    assert "采纳" in dlg.send.text() and dlg.total_text() in dlg.confirm_text.text()
    assert draft_data["title"] in dlg.confirm_text.text()
    dlg.scores["social"].setValue(10)  # a change asks again
    assert not dlg.confirm_text.isVisible()
    dlg.send.click()
    dlg.send.click()
    wait_idle(qtbot, ctx)
    assert queries.project_detail(bank, people["L001"], pid)["status"] == "adopted"


def test_similar_ideas_are_usable_while_proposing(qtbot, bank, people, make_ctx, draft_data):
    from app.ui.dialogs.propose import ProposeDialog
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    ctx = make_ctx(people["W002"])
    form = ProposeDialog(ctx)
    qtbot.addWidget(form)
    form.show()
    form.similar_panel.set_found([(pid, "CX-1", draft_data["title"])])  # what the search found
    form.similar.setCurrentRow(0)
    panel = form.similar_panel
    assert panel.preview.isVisible() and draft_data["title"] in panel.preview.toPlainText()
    assert form.isVisible()  # shown inside the form, which stays open
    panel.comment.setText("我们班组也遇到过")
    panel.comment_btn.click()
    wait_idle(qtbot, ctx)
    assert [c["body"] for c in queries.project_detail(bank, people["W002"], pid)["comments"]] == ["我们班组也遇到过"]
    panel.join_btn.click()
    wait_idle(qtbot, ctx)
    [ask] = [n for n in inbox.notices(bank, people["W001"]) if n.kind == "join"]
    assert "李四" in ask.message and "W002" in ask.message
    # The author takes them on from the notice.
    from app.ui.pages.inbox import InboxPage
    author = make_ctx(people["W001"])
    page = InboxPage(author)
    qtbot.addWidget(page)
    page.show()
    row = next(i for i in range(page.list.count()) if "W002" in page.list.item(i).text())
    page.list.setCurrentRow(row)
    assert page.add_author.isVisible() and page.add_author.isEnabled()
    page.add_author.click()
    wait_idle(qtbot, author)
    assert "W002" in queries.project_detail(bank, people["W001"], pid)["co_authors"]


def test_enter_signs_in_after_a_failed_attempt(qtbot, bank, people):
    from app.ui.dialogs.signin import SignInDialog
    dlg = SignInDialog(bank)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.number.setText("W001")
    dlg.password.setText("wrong")
    QTest.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)  # by mouse, then Enter
    assert dlg.error.text() and dlg.ok.isDefault() and not dlg.quit.autoDefault()
    dlg.password.setText("still wrong")
    QTest.keyClick(dlg.password, Qt.Key.Key_Return)
    assert "3" in dlg.error.text() and dlg.actor is None
    dlg.quit.setFocus()  # even with the focus on Quit, Enter signs in
    dlg.password.setText("worker-pass")
    QTest.keyClick(dlg.quit, Qt.Key.Key_Return)
    assert dlg.actor is not None and dlg.actor.employee_no == "W001"


def test_proposing_takes_seven_clicks(qtbot, bank, people, make_ctx, monkeypatch):
    """Required fields only, with the mouse: open the form, pick a category (two clicks), click into
    three text boxes, submit. The title has the focus when the form opens."""
    ctx, window = _window(qtbot, make_ctx, people["W001"])
    clicks = []

    def click(widget, pos=None):  # type: ignore[no-untyped-def]
        clicks.append(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos) if pos is not None else \
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    from app.ui.dialogs.propose import ProposeDialog
    opened = []

    def exec_(self):  # type: ignore[no-untyped-def]
        opened.append(self)
        self.show()
        assert self.focusWidget() is self.title or self.title.hasFocus()
        self.title.setText("配电箱门锁防锈改造")
        click(self.category)
        view = self.category.view()
        qtbot.waitUntil(view.isVisible, timeout=3000)
        clicks.append(view)  # the click on 小革新 in the open list (offscreen popups take no mouse clicks)
        self.category.setCurrentIndex(self.category.findData("innovation"))
        self.category.hidePopup()
        for box, text in ((self.background, "门锁锈死"), (self.solution, "换不锈钢锁芯")):
            click(box.viewport())
            box.setPlainText(text)
        click(self.points[0])
        self.points[0].setText("防锈")
        self.points[0].textEdited.emit("防锈")
        assert self.submit_btn.isEnabled(), self.summary.text()
        click(self.submit_btn)
        wait_idle(qtbot, ctx)
        return 1
    monkeypatch.setattr(ProposeDialog, "exec", exec_)  # the form as a person would fill it, while it is open
    click(window._toolbar.widgetForAction(window.propose_action))
    assert opened and len(clicks) <= 7
    [pid] = queries.list_ids(bank, queries.ProjectFilter(proposer_id=people["W001"].id))
    assert queries.project_detail(bank, people["W001"], pid)["status"] == "submitted"
