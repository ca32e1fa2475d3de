"""The whole path through real widgets: sign in, propose in Chinese, find it, review it as a leader,
see the notice as the author. Chinese text is set with setText (keyClicks with CJK aborts Qt)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core import auth, drafts, queries
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui

TITLE = "电缆沟盖板省力搬运小车"


def fill_proposal(dlg) -> None:  # type: ignore[no-untyped-def]
    dlg.title.setText(TITLE)
    dlg.title.textEdited.emit(TITLE)
    dlg.category.setCurrentIndex(dlg.category.findData("innovation"))
    dlg.background.setPlainText("电缆沟盖板每块重 60 公斤，两人抬运易砸伤手脚。")
    dlg.solution.setPlainText("用液压升降小车夹持盖板，一人即可搬运。")
    dlg.points[0].setText("液压夹持")
    dlg.points[0].textEdited.emit("液压夹持")
    dlg.benefit.setText("1.5万")
    dlg.benefit.textEdited.emit("1.5万")


def test_sign_in_propose_find_review_and_notice(qtbot, bank, people, make_ctx):
    from app.core import projects
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.dialogs.review import ReviewDialog
    from app.ui.dialogs.signin import SignInDialog
    from app.ui.main_window import MainWindow
    from app.ui.pages.inbox import InboxPage
    projects.propose(bank, people["W002"], {"title": "变压器油位远程监测", "category": "小发明"})
    # Sign in as the worker; a wrong password first is refused with a message.
    dlg = SignInDialog(bank)
    qtbot.addWidget(dlg)
    dlg.number.setText("W001")
    dlg.password.setText("wrong")
    assert not dlg.try_sign_in()
    assert "密码" in dlg.error.text()
    dlg.password.setText("worker-pass")
    assert dlg.try_sign_in() and dlg.actor.employee_no == "W001"
    worker_ctx = make_ctx(dlg.actor)
    window = MainWindow(worker_ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    assert "review" not in [s.key for s in window.specs]  # workers see no review queue

    # Propose in Chinese: submitting is blocked until the required fields are valid.
    form = ProposeDialog(worker_ctx, parent=window)
    qtbot.addWidget(form)
    form.show()
    assert not form.submit_btn.isEnabled()
    form.benefit.setText("很多")
    form.benefit.textEdited.emit("很多")
    assert form.errors["expected_benefit"].isVisible()
    fill_proposal(form)
    assert not form.errors["expected_benefit"].isVisible()
    assert form.submit_btn.isEnabled()
    form.submit_btn.click()
    wait_idle(qtbot, worker_ctx)
    [pid] = queries.list_ids(bank, queries.ProjectFilter(proposer_id=people["W001"].id))
    # the list re-queried after the write (W002's draft is W002's alone)
    assert window.page("bank").model.ids == [pid]
    detail = queries.project_detail(bank, people["W001"], pid)
    assert detail["status"] == "submitted" and detail["expected_benefit"] == 15000

    # Find it through the toolbar search.
    window.search.setText("搬运小车")
    window.searcher.search_now()
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.search_ids is not None and page.model.ids == [pid], timeout=5000)
    assert page.detail.project_id == pid
    assert not page.detail.review_btn.isVisible()

    # The leader of the studio reviews it from the queue; not adopting needs a reason.
    leader_ctx = make_ctx(auth.sign_in(bank, "L001", "leader-pass"))
    boss = MainWindow(leader_ctx, start_search=False)
    qtbot.addWidget(boss)
    boss.show()
    boss.show_page("review")
    queue = boss.page("review")
    assert pid in queue.model.ids
    queue.select(pid)
    assert queue.detail.review_btn.isVisible()
    review = ReviewDialog(leader_ctx, pid, parent=boss)
    qtbot.addWidget(review)
    review.show()
    review.scores["creativity"].setValue(8)
    review.scores["practicality"].setValue(6)
    assert review.total.text() == "35 / 100"  # (8×25% + 6×25%) on a 0–100 scale
    review.reject_.setChecked(True)
    assert not review.send.isEnabled()
    review.template.activated.emit(2)
    assert review.reason.toPlainText() and review.send.isEnabled()
    review.send.click()  # first: what is about to be sent
    assert "35 / 100" in review.confirm_text.text() and not leader_ctx.worker.busy
    review.send.click()
    wait_idle(qtbot, leader_ctx)
    assert queries.project_detail(bank, people["W001"], pid)["status"] == "not_adopted"

    # The author sees the decision in the inbox, with the unread count in the navigation.
    again = MainWindow(make_ctx(people["W001"]), start_search=False)
    qtbot.addWidget(again)
    nav_texts = [again.nav.item(i).text() for i in range(again.nav.count())]
    assert "通知 (2)" in nav_texts
    again.show_page("inbox")
    inbox_page = again.page("inbox")
    assert isinstance(inbox_page, InboxPage)
    first = inbox_page.list.item(0).text()
    assert "评审结论" in first and TITLE in first and review.reason.toPlainText()[:6] in first


def test_draft_survives_closing_the_form(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.propose import ProposeDialog
    ctx = make_ctx(people["W001"])
    form = ProposeDialog(ctx)
    qtbot.addWidget(form)
    form.title.setText("写了一半的想法")
    form.title.textEdited.emit("写了一半的想法")
    form.background.setPlainText("现场问题")
    form.reject()  # closing keeps what was typed: the form closes once the worker saved it
    qtbot.waitUntil(lambda: drafts.latest(bank, people["W001"]) is not None, timeout=5000)
    assert drafts.latest(bank, people["W001"]).form["title"] == "写了一半的想法"
    from app.ui.main_window import MainWindow
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    assert "Ctrl+N" in window.statusBar().currentMessage()
    again = ProposeDialog(ctx)
    qtbot.addWidget(again)
    assert again.title.text() == "写了一半的想法"
    assert again.background.toPlainText() == "现场问题"
    assert again.banner.isVisibleTo(again)


def test_autosave_timer_saves_while_typing(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.propose import ProposeDialog
    ctx = make_ctx(people["W002"])
    form = ProposeDialog(ctx)
    qtbot.addWidget(form)
    form._autosave.setInterval(50)
    form.solution.setPlainText("断电前写下的方案")
    qtbot.waitUntil(lambda: drafts.latest(bank, people["W002"]) is not None, timeout=3000)
    assert drafts.latest(bank, people["W002"]).form["solution"] == "断电前写下的方案"


def test_kiosk_proposal_is_marked_and_confirmed_by_leader(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.widgets.detail import DetailPane
    kiosk_actor = auth.kiosk_sign_in(bank, "W001")
    ctx = make_ctx(kiosk_actor)
    form = ProposeDialog(ctx, kiosk=True)
    qtbot.addWidget(form)
    form.show()
    assert not form.draft_btn.isVisible()
    fill_proposal(form)
    form.submit_btn.click()
    wait_idle(qtbot, ctx)
    [pid] = queries.list_ids(bank)
    leader = make_ctx(people["L001"])
    pane = DetailPane(leader)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_project(pid)
    assert pane.kiosk_btn.isVisible()
    pane.kiosk_btn.click()
    wait_idle(qtbot, leader)
    qtbot.waitUntil(lambda: not pane.kiosk_btn.isVisible(), timeout=3000)
    assert queries.project_detail(bank, people["L001"], pid)["kiosk"] is False


def test_comment_with_mention_and_vote_from_the_detail_pane(qtbot, bank, people, make_ctx, draft_data):
    from app.core import inbox, projects
    from app.ui.widgets.detail import DetailPane
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    ctx = make_ctx(people["W002"])
    pane = DetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_project(pid)
    assert not pane.edit_btn.isVisible() and not pane.review_btn.isVisible()
    pane.comment_box.setText("可以试试 @王建国")
    pane._send_comment()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.comments.topLevelItemCount() == 1, timeout=3000)
    pane.vote_btn.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "1" in pane.vote_btn.text(), timeout=3000)
    assert [n.kind for n in inbox.notices(bank, people["L001"])] == ["mention", "submission"]  # and the submission itself


def test_attachments_dropped_on_the_detail_pane_show_thumbnails(qtbot, bank, people, make_ctx, draft_data, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from app.core import projects
    from app.ui.widgets.detail import DetailPane
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value  # others may look at it
    photo = tmp_path / "现场照片.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(photo))
    doc = tmp_path / "方案.txt"
    doc.write_text("方案说明", encoding="utf-8")
    ctx = make_ctx(people["W001"])
    pane = DetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_project(pid)
    assert not pane.add_file_btn.isHidden()
    pane.add_files([str(photo), str(doc)])
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: pane.files.count() == 2, timeout=3000)
    assert [pane.files.item(i).text() for i in range(2)] == ["现场照片.png", "方案.txt"]
    thumb = pane.files.item(0).icon().pixmap(96, 96).toImage()
    assert QColor(thumb.pixel(thumb.width() // 2, thumb.height() // 2)) == QColor("red")
    other = DetailPane(make_ctx(people["W002"]))  # not an owner: no adding
    qtbot.addWidget(other)
    other.show()
    other.show_project(pid)
    assert other.add_file_btn.isHidden() and not other.files.acceptDrops()


def test_search_through_the_index_and_similar_projects_while_typing(qtbot, bank, people, make_ctx, draft_data):
    from app.core import projects
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.main_window import MainWindow
    wanted = projects.propose(bank, people["W001"], draft_data, submit=True).value  # drafts are their authors' only
    projects.propose(bank, people["W001"], draft_data | {"title": "配电箱门锁防锈改造", "background": "门锁生锈打不开",
                                                          "solution": "换不锈钢锁芯"}, submit=True)
    ctx = make_ctx(people["W002"])
    window = MainWindow(ctx)  # builds the search index on its own thread after the first paint
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.searcher.ready, timeout=20000)
    window.search.setText("防雨罩")
    window.searcher.search_now()
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.search_ids is not None, timeout=5000)
    assert page.model.ids == [wanted]
    form = ProposeDialog(ctx, parent=window)
    qtbot.addWidget(form)
    form.title.setText("巡检机器人防雨罩")
    form.background.setPlainText("下雨天机器人摄像头进水")
    form._find_similar()
    qtbot.waitUntil(lambda: form.similar.count() > 0, timeout=5000)
    assert form.similar.item(0).data(Qt.ItemDataRole.UserRole) == wanted


def test_owner_edits_a_draft_and_the_row_repaints(qtbot, bank, people, make_ctx, draft_data):
    from app.core import projects
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.main_window import MainWindow
    pid = projects.propose(bank, people["W001"], draft_data | {"co_authors": ["W002"]}).value
    ctx = make_ctx(people["W001"])
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    page = window.page("bank")
    assert page.detail.edit_btn.isVisible()
    form = ProposeDialog(ctx, pid, parent=window)
    qtbot.addWidget(form)
    form.show()
    assert form.title.text() == draft_data["title"] and form.co_authors.text() == "W002"
    form.title.setText("防雨罩改进（第二版）")
    form.title.textEdited.emit(form.title.text())
    form.submit_btn.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.project_row(page.model.row_of(pid)).title == "防雨罩改进（第二版）", timeout=3000)
    detail = queries.project_detail(bank, people["W001"], pid)
    assert detail["title"] == "防雨罩改进（第二版）" and detail["co_authors"] == ["W002"]
    assert "防雨罩改进（第二版）" in page.detail.heading.text()


def test_propose_from_the_window_shows_the_new_project(qtbot, bank, people, make_ctx, monkeypatch):
    from app.ui.dialogs.propose import ProposeDialog
    from app.ui.main_window import MainWindow
    ctx = make_ctx(people["W001"])
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    window.show_page("stats")

    def run_form(dlg) -> int:  # type: ignore[no-untyped-def]
        fill_proposal(dlg)
        dlg.submit_btn.click()
        qtbot.waitUntil(lambda: dlg.result() == 1, timeout=5000)
        return 1
    monkeypatch.setattr(ProposeDialog, "exec", run_form)
    window.propose_action.trigger()
    page = window.page("bank")
    assert window.current_page() is page
    [pid] = queries.list_ids(bank)
    assert page.current_id() == pid and page.detail.project_id == pid
