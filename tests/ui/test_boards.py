"""The incubation kanban (allowed and refused drags), the milestone timeline, the warnings panel and
the call board, driven through the real widgets offscreen."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.core import incubation, teams
from tests.core.test_incubation import REQUEST, adopted_project
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


@pytest.fixture
def requests_(bank, people, draft_data):
    """Three requests: a draft, one submitted and one in progress (milestone 1 due 20 March)."""
    L = people["L001"]
    made = {}
    for status, title in (("draft", "草稿委托"), ("submitted", "待受理委托"), ("in_progress", "实施中委托")):
        pid = adopted_project(bank, people, draft_data | {"title": title})
        rid = incubation.create(bank, L, pid, REQUEST | {"title": title}).value
        if status != "draft":
            incubation.submit(bank, L, rid)
        if status == "in_progress":
            incubation.accept(bank, people["B001"], rid)
            incubation.start(bank, people["B001"], rid)
        made[status] = rid
    return made


def drop(board, request_id: str, target: str) -> None:
    """A real drop event on the target column's viewport, carrying the card's own mime data."""
    source = board.columns[board.column_of(request_id)]
    item = next(source.item(i) for i in range(source.count()) if source.item(i).data(Qt.ItemDataRole.UserRole) == request_id)
    mime = source.mimeData([item])
    viewport = board.columns[target].viewport()
    args = (QPointF(20, 20), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only after the drag entered the widget, as a real mouse drag does.
    for event in (QDragEnterEvent(*args), QDragMoveEvent(*args), QDropEvent(*args)):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()


def cards(board, status):
    col = board.columns[status]
    return [col.item(i).data(Qt.ItemDataRole.UserRole) for i in range(col.count())]


def test_board_shows_cards_by_status_with_warning_badges(qtbot, bank, people, requests_, make_ctx, clock):
    from app.ui.pages.incubation import CARD_ROLE, IncubationBoard
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    board = IncubationBoard(make_ctx(people["B001"]))
    qtbot.addWidget(board)
    assert cards(board, "draft") == [requests_["draft"]]
    assert cards(board, "submitted") == [requests_["submitted"]]
    assert cards(board, "in_progress") == [requests_["in_progress"]]
    assert "(1)" in board.headers["in_progress"].text()
    card = board.columns["in_progress"].item(0).data(CARD_ROLE)
    assert card["warnings"] == 1 and card["overdue"] == 1 and "逾期 1" in card["line2"]
    assert board.columns["submitted"].item(0).data(CARD_ROLE)["warnings"] == 1  # unanswered for 24 days
    assert board.columns["draft"].item(0).data(CARD_ROLE)["warnings"] == 0


def test_allowed_drag_moves_the_card_and_the_project(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    ctx = make_ctx(people["B001"])
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.sig_moved, timeout=10000) as moved:
        drop(board, requests_["submitted"], "accepted")
    assert moved.args == [requests_["submitted"], "accepted"]
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cards(board, "accepted") == [requests_["submitted"]])
    assert cards(board, "submitted") == []
    detail = incubation.detail(bank, people["B001"], requests_["submitted"])
    assert detail["project_status"] == "incubating"


def test_refused_drag_snaps_back_with_the_reason_in_the_status_bar(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    ctx = make_ctx(people["B001"])
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    said = []
    ctx.sig_message.connect(said.append)
    # No step leads from draft to delivered: refused at once, nothing written.
    with qtbot.waitSignal(board.sig_refused, timeout=5000):
        drop(board, requests_["draft"], "delivered")
    assert cards(board, "draft") == [requests_["draft"]] and cards(board, "delivered") == []
    assert said and "草稿" in said[-1] and "已交付" in said[-1] and "已提交" in said[-1]
    assert said[-1] == board.message.text()
    assert incubation.detail(bank, people["B001"], requests_["draft"])["status"] == "draft"


def test_drag_refused_by_role_stays_put(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    ctx = make_ctx(people["L001"])  # a studio leader may not accept on the base's behalf
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.sig_refused, timeout=10000) as refused:
        drop(board, requests_["submitted"], "accepted")
    assert "受理" in refused.args[0] and "王建国" in refused.args[0]
    wait_idle(qtbot, ctx)
    assert cards(board, "submitted") == [requests_["submitted"]] and cards(board, "accepted") == []
    assert incubation.detail(bank, people["L001"], requests_["submitted"])["status"] == "submitted"


def test_decline_by_drag_asks_for_a_reason(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    ctx = make_ctx(people["B001"])
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    board.ask_reason = lambda what: None  # cancelled: nothing happens
    with qtbot.waitSignal(board.sig_refused, timeout=5000):
        drop(board, requests_["submitted"], "declined")
    assert cards(board, "submitted") == [requests_["submitted"]]
    board.ask_reason = lambda what: "产能已排满"
    with qtbot.waitSignal(board.sig_moved, timeout=10000):
        drop(board, requests_["submitted"], "declined")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cards(board, "declined") == [requests_["submitted"]])
    assert incubation.detail(bank, people["L001"], requests_["submitted"])["decision_reason"] == "产能已排满"


def test_detail_shows_the_milestone_timeline_and_step_buttons(qtbot, bank, people, requests_, make_ctx, clock):
    from PySide6.QtWidgets import QPushButton

    from app.ui.pages.incubation import IncubationBoard
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    board = IncubationBoard(make_ctx(people["B001"]))
    qtbot.addWidget(board)
    board.columns["in_progress"].setCurrentRow(0)
    timeline = board.detail.timeline
    assert [(m["title"], m["overdue"]) for m in timeline.milestones] == [("样机完成", True), ("小批量试用", False)]
    assert timeline.today == dt.date(2025, 3, 25)
    assert "逾期" in board.detail.warnings.text() and not board.detail.warnings.isHidden()
    board.show()
    steps = [b.objectName() for b in board.detail.findChildren(QPushButton)
             if b.objectName().startswith("step_") and b.isVisible()]
    assert steps == ["step_deliver"]
    assert board.detail.progress_button.isVisible()


def test_warnings_panel_lists_what_concerns_the_person(qtbot, bank, people, requests_, make_ctx, clock):
    from app.ui.pages.alerts import WarningsPanel, banner_for
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    ctx = make_ctx(people["L001"])
    with qtbot.waitSignal(ctx.reader.sig_busy, timeout=5000):
        panel = WarningsPanel(ctx)
    qtbot.addWidget(panel)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    kinds = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert kinds == ["里程碑逾期", "委托未答复"]
    panel.kind.setCurrentIndex(panel.kind.findData("request_unanswered"))
    assert panel.table.rowCount() == 1
    opened = []
    panel.sig_open_record.connect(lambda entity, eid: opened.append((entity, eid)))
    panel.table.cellDoubleClicked.emit(0, 1)
    assert opened == [("incubation", requests_["submitted"])]
    other_ctx = make_ctx(people["L002"])
    other = WarningsPanel(other_ctx)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.sig_loaded, timeout=5000) as loaded:
        pass
    assert loaded.args == [0] and other.table.rowCount() == 0
    assert banner_for(make_ctx(people["L001"]), requests_["draft"]) is None


def test_call_board_from_posting_to_accepted_member(qtbot, bank, people, make_ctx):
    from app.ui.pages.teams import TeamsPage
    team = teams.create_team(bank, people["L001"], "局放攻关队").value
    teams.post_call(bank, people["L001"], "GIS 局放定位难", "征集攻关成员", deadline="2025-03-31", team=team)
    worker_ctx = make_ctx(people["W002"])
    page = TeamsPage(worker_ctx)
    qtbot.addWidget(page)
    board = page.calls
    assert board.list.count() == 1 and "GIS 局放定位难" in board.heading.text()
    assert board.apply_button.isEnabled() and not board.accept_button.isEnabled()
    board.apply("熟悉超声法局放检测")
    wait_idle(qtbot, worker_ctx)
    qtbot.waitUntil(lambda: board.apps.rowCount() == 1)
    assert not board.apply_button.isEnabled()  # once is enough

    leader_ctx = make_ctx(people["L001"])
    leader_page = TeamsPage(leader_ctx)
    qtbot.addWidget(leader_page)
    lb = leader_page.calls
    assert lb.accept_button.isEnabled()
    lb.apps.selectRow(0)
    lb.decide(True)
    wait_idle(qtbot, leader_ctx)
    qtbot.waitUntil(lambda: lb.apps.item(0, 3).text() == "已接受")
    members = [m["employee_no"] for m in teams.team_detail(bank, team)["members"]]
    assert members == ["L001", "W002"]
    leader_page.teams_tab.reload()
    assert leader_page.teams_tab.members.rowCount() == 2


def test_skills_search_tab(qtbot, bank, people, make_ctx):
    from app.ui.pages.teams import TeamsPage
    teams.join_alliance(bank, people["W002"], "无人机巡检")
    page = TeamsPage(make_ctx(people["L001"]))
    qtbot.addWidget(page)
    tab = page.alliance
    tab.specialty.setText("无人机")
    tab.search()
    assert tab.results.rowCount() == 1 and tab.results.item(0, 0).text() == "W002"
    tab.specialty.setText("")
    tab.grade.setCurrentIndex(tab.grade.findData("技师"))
    tab.search()
    assert {tab.results.item(r, 0).text() for r in range(tab.results.rowCount())} == {"L001", "W001"}


def test_board_screenshot(qtbot, bank, people, requests_, make_ctx, clock, tmp_path):
    """Renders the board offscreen to a PNG (kept when IDEABANK_SCREENSHOTS names a folder)."""
    from app.ui.pages.incubation import IncubationBoard
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    board = IncubationBoard(make_ctx(people["B001"]))
    qtbot.addWidget(board)
    board.resize(1366, 720)
    board.show()
    board.columns["in_progress"].setCurrentRow(0)
    qtbot.waitExposed(board)
    qtbot.wait(50)  # let queued layout work finish before the grab
    folder = os.environ.get("IDEABANK_SCREENSHOTS") or str(tmp_path)
    path = os.path.join(folder, "incubation_board.png")
    assert board.grab().save(path)
    assert os.path.getsize(path) > 10_000


def test_pages_in_the_main_window(qtbot, bank, people, requests_, make_ctx, clock, tmp_path):
    from app.ui.main_window import MainWindow
    from app.ui.pages.alerts import WarningsPanel
    from app.ui.pages.incubation import IncubationBoard
    from app.ui.pages.teams import TeamsPage
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    window = MainWindow(make_ctx(people["B001"]), start_search=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    labels = {s.key: s.label() for s in window.specs}
    assert (labels["teams"], labels["incubation"], labels["warnings"]) == ("团队", "孵化", "预警")
    assert isinstance(window.page("teams"), TeamsPage)
    assert isinstance(window.page("warnings"), WarningsPanel)
    window.show_page("incubation")
    board = window.current_page()
    assert isinstance(board, IncubationBoard)
    board.columns["in_progress"].setCurrentRow(0)
    qtbot.wait(50)
    folder = os.environ.get("IDEABANK_SCREENSHOTS") or str(tmp_path)
    assert window.grab().save(os.path.join(folder, "main_window_incubation.png"))


def test_request_form_round_trips_a_draft(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import RequestDialog
    data = incubation.detail(bank, people["L001"], requests_["draft"])
    dialog = RequestDialog(make_ctx(people["L001"]), None, data)
    qtbot.addWidget(dialog)
    project, fields = dialog.values()
    assert project == data["project_id"]
    incubation.edit(bank, people["L001"], requests_["draft"], fields)  # unchanged values pass validation
    again = incubation.detail(bank, people["L001"], requests_["draft"])
    assert [h for h in again["history"] if h["action"] == "edit"] == []  # and nothing is recorded as changed
    for key in ("services", "maturity", "quantity", "budget_lines", "target_units", "ip_ownership", "risks"):
        assert again[key] == data[key], key
    assert [(m["title"], m["due_on"]) for m in again["milestones"]] == [(m["title"], m["due_on"]) for m in data["milestones"]]
    assert [(r["item"], r["amount"]) for r in dialog.budget.lines()] == [("材料费", 20000.0), ("加工费", 8000.0)]
    assert [r["title"] for r in dialog.milestones.milestones()] == ["样机完成", "小批量试用"]
    dialog.quantity.setValue(80)
    dialog.services["testing"].setChecked(True)
    incubation.edit(bank, people["L001"], requests_["draft"], dialog.values()[1])
    changed = incubation.detail(bank, people["L001"], requests_["draft"])
    assert changed["quantity"] == 80 and "testing" in changed["services"]


def _editor(table, kind):  # type: ignore[no-untyped-def]
    """The open cell editor of `table` (a delegate's editor lives on the viewport)."""
    found = [w for w in table.viewport().findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_request_form_tables_fill_by_keyboard_and_round_trip(qtbot, bank, people, requests_, make_ctx):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QLineEdit

    from app.ui.pages.incubation import RequestDialog
    data = incubation.detail(bank, people["L001"], requests_["draft"])
    dialog = RequestDialog(make_ctx(people["L001"]), None, data)
    qtbot.addWidget(dialog)
    dialog.show()
    budget = dialog.budget.table
    dialog.budget.add_button.click()  # a new row, its first cell current
    assert (budget.rowCount(), budget.currentRow(), budget.currentColumn()) == (3, 2, 0)
    budget.currentItem().setText("检测费")
    budget.setCurrentCell(2, 1)  # the amount cell opens its number field at once
    amount = _editor(budget, QLineEdit)
    qtbot.keyClicks(amount, "25x00.5")  # the field takes digits and a point only
    assert amount.text() == "2500.5"
    qtbot.keyClick(amount, Qt.Key.Key_Tab)  # commits; Tab on the last cell leaves the table
    assert budget.item(2, 1).data(Qt.ItemDataRole.EditRole) == 2500.5
    assert (budget.currentRow(), budget.currentColumn()) == (2, 1)  # no wrap to the first cell
    assert not [w for w in budget.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert dialog.budget.note.text() == "合计 30,500.50 元"
    dialog.budget.add_button.click()  # an empty row is ignored
    plan = dialog.milestones.table
    dialog.milestones.add_button.click()
    plan.currentItem().setText("验收")
    plan.setCurrentCell(2, 1)
    due = _editor(plan, QDateEdit)
    assert due.calendarPopup()
    due.setDate(QDate(2025, 6, 30))
    dialog.accept()  # OK while the date is still being edited: the date is taken
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.problem.isHidden()
    incubation.edit(bank, people["L001"], requests_["draft"], dialog.values()[1])
    saved = incubation.detail(bank, people["L001"], requests_["draft"])
    assert saved["budget_lines"] == [{"item": "材料费", "amount": 20000.0}, {"item": "加工费", "amount": 8000.0},
                                     {"item": "检测费", "amount": 2500.5}]
    assert [(m["title"], m["due_on"]) for m in saved["milestones"]] == [
        ("样机完成", "2025-03-20"), ("小批量试用", "2025-05-31"), ("验收", "2025-06-30")]
    reopened = RequestDialog(make_ctx(people["L001"]), None, saved)
    qtbot.addWidget(reopened)
    assert reopened.budget.lines() == saved["budget_lines"]
    assert reopened.milestones.milestones() == [{"title": m["title"], "due_on": m["due_on"]} for m in saved["milestones"]]


def test_request_form_tab_walks_the_cells(qtbot, bank, people, requests_, make_ctx):
    from PySide6.QtWidgets import QLineEdit

    from app.ui.pages.incubation import RequestDialog
    dialog = RequestDialog(make_ctx(people["L001"]), None, incubation.detail(bank, people["L001"], requests_["draft"]))
    qtbot.addWidget(dialog)
    dialog.show()
    budget = dialog.budget.table
    budget.setFocus()
    budget.setCurrentCell(0, 0)
    qtbot.keyClick(_editor(budget, QLineEdit), Qt.Key.Key_Tab)
    assert (budget.currentRow(), budget.currentColumn()) == (0, 1)
    qtbot.keyClick(_editor(budget, QLineEdit), Qt.Key.Key_Tab)
    assert (budget.currentRow(), budget.currentColumn()) == (1, 0)
    assert budget.item(0, 1).data(Qt.ItemDataRole.EditRole) == 20000.0  # passing through changes nothing


def test_a_half_filled_row_is_named_in_the_form_and_nothing_is_written(qtbot, bank, people, requests_, make_ctx,
                                                                       monkeypatch):
    from PySide6.QtCore import QDate

    from app.ui.pages.incubation import IncubationBoard, RequestDialog
    board = IncubationBoard(make_ctx(people["L001"]))
    qtbot.addWidget(board)
    board.columns["draft"].setCurrentRow(0)
    before = incubation.detail(bank, people["L001"], requests_["draft"])
    seen = {}

    def fill_and_press_ok(dialog):  # type: ignore[no-untyped-def]
        dialog.budget.append("检测费")  # a name without an amount
        dialog.milestones.append("", QDate(2025, 7, 1))  # a date without a title
        dialog.budget.append()  # an empty row: ignored
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        seen["problem"] = dialog.problem.text()
        seen["current"] = (dialog.budget.table.currentRow(), dialog.budget.table.currentColumn())
        return dialog.result()

    monkeypatch.setattr(RequestDialog, "exec", fill_and_press_ok)
    board.edit_draft()
    assert seen["problem"] == "预算第 3 行（检测费）：请填写金额（元）。\n里程碑第 3 行：缺少名称。"
    assert seen["current"] == (2, 1)  # the first missing cell is where the cursor goes
    wait_idle(qtbot, board.ctx)
    after = incubation.detail(bank, people["L001"], requests_["draft"])
    assert after["budget_lines"] == before["budget_lines"] and after["milestones"] == before["milestones"]
    assert [h for h in after["history"] if h["action"] == "edit"] == []


def test_draft_shows_submit_and_edit_to_its_leader_only(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    for who, expected in (("L001", True), ("B001", False)):
        board = IncubationBoard(make_ctx(people[who]))
        qtbot.addWidget(board)
        board.show()
        board.columns["draft"].setCurrentRow(0)
        assert board.detail.edit_button.isVisible() is expected
        assert bool(board.detail.findChild(type(board.detail.edit_button), "step_submit")) is expected


def test_attachments_open_under_their_own_name(qtbot, bank, people, requests_, make_ctx, tmp_path):
    from app.core.attachments import private_copy
    from app.core.errors import NotFound
    from app.ui.pages.incubation import IncubationBoard, _open_link_target
    photo = tmp_path / "样机照片.jpg"
    photo.write_bytes(b"\xff\xd8 jpeg bytes")
    incubation.update_milestone(bank, people["B001"], requests_["in_progress"], 1, "装配完成", files=[photo])
    board = IncubationBoard(make_ctx(people["B001"]))
    qtbot.addWidget(board)
    board.columns["in_progress"].setCurrentRow(0)
    assert "att:0" in board.detail.body.text() and "样机照片.jpg" in board.detail.body.text()
    ref = _open_link_target(board.detail, "att:0")
    copy = private_copy(bank, ref["sha256"], ref["name"])
    assert copy.name == "样机照片.jpg" and copy.read_bytes() == photo.read_bytes()
    assert _open_link_target(board.detail, "att:9") is None
    with pytest.raises(NotFound):
        private_copy(bank, "0" * 64, ref["name"])


def test_team_tab_orders_and_records_leaving(qtbot, bank, people, make_ctx):
    from app.ui.pages.teams import TeamsPage
    team = teams.create_team(bank, people["L001"], "防雨罩攻关队").value
    teams.add_member(bank, people["L001"], team, "W001")
    teams.add_member(bank, people["L001"], team, "W002")
    ctx = make_ctx(people["L001"])
    page = TeamsPage(ctx)
    qtbot.addWidget(page)
    tab = page.teams_tab
    assert [tab.members.item(r, 1).text() for r in range(3)] == ["王建国", "张三", "李四"]
    tab.members.selectRow(2)
    tab.move_up()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.members.item(1, 1).text() == "李四")
    tab.members.selectRow(0)
    tab.remove_member()  # the leader cannot leave: refused with the core's words
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "负责人不能离队" in tab.message.text())
    tab.members.selectRow(2)
    tab.remove_member()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.members.item(2, 7).text() == "2025-03-01")
    assert [tab.members.item(r, 1).text() for r in range(3)] == ["王建国", "李四", "张三"]  # 张三 left
    for who, may_log in (("W002", True), ("W001", False)):  # a current member logs; one who left does not
        worker_page = TeamsPage(make_ctx(people[who]))
        qtbot.addWidget(worker_page)
        assert not worker_page.teams_tab.up_button.isEnabled()
        assert worker_page.teams_tab.log_button.isEnabled() is may_log


def test_deliver_and_close_by_drag_with_the_outcome(qtbot, bank, people, requests_, make_ctx):
    from app.ui.pages.incubation import IncubationBoard
    ctx = make_ctx(people["B001"])
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    rid = requests_["in_progress"]
    with qtbot.waitSignal(board.sig_refused, timeout=5000) as refused:
        drop(board, rid, "closed")  # delivering comes first
    assert "已交付" in refused.args[0]
    incubation.confirm_delivery(bank, people["L001"], rid)  # milestones are still open: the leader agrees
    with qtbot.waitSignal(board.sig_moved, timeout=10000):
        drop(board, rid, "delivered")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cards(board, "delivered") == [rid])
    board.ask_outcome = lambda: {"units_made": 12, "adopting_units": ["输电运检车间"], "measured_savings": 18000,
                                 "note": ""}
    with qtbot.waitSignal(board.sig_moved, timeout=10000):
        drop(board, rid, "closed")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cards(board, "closed") == [rid])
    d = incubation.detail(bank, people["B001"], rid)
    assert d["project_status"] == "promoted" and d["outcome"]["measured_savings"] == 18000.0


def test_milestone_progress_is_reported_through_its_dialog(qtbot, bank, people, requests_, make_ctx):
    """OK closes the Report progress dialog and the progress reaches the core. (Its Done box was once
    the dialog's attribute `done`, hiding QDialog.done(): OK and Cancel crashed the program.)"""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QCheckBox, QDialog, QPlainTextEdit

    from app.ui.pages.incubation import IncubationBoard, ProgressDialog
    ctx = make_ctx(people["B001"])
    board = IncubationBoard(ctx)
    qtbot.addWidget(board)
    board.columns["in_progress"].setCurrentRow(0)
    results = []

    def answer() -> None:
        dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog) and w.isVisible())
        dlg.findChild(QPlainTextEdit).setPlainText("样机装配完成")
        dlg.findChild(QCheckBox).setChecked(True)
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        results.append(dlg.result())
    QTimer.singleShot(0, answer)
    board.report_progress()
    assert results == [QDialog.DialogCode.Accepted]
    wait_idle(qtbot, ctx)
    first = incubation.detail(bank, people["B001"], requests_["in_progress"])["milestones"][0]
    assert first["done_on"] is not None and [u["note"] for u in first["updates"]] == ["样机装配完成"]


def test_the_board_takes_the_parent_it_is_given(qtbot, people, make_ctx):
    """(Its constructor once handed the parent to Page as the context, so the board had no parent.)"""
    from PySide6.QtWidgets import QWidget

    from app.ui.pages.incubation import IncubationBoard
    holder = QWidget()
    qtbot.addWidget(holder)
    board = IncubationBoard(make_ctx(people["B001"]), holder)
    assert board.parent() is holder and board.ctx.actor == people["B001"]
