"""The @mention popup: rows tell people apart, ranked by the core, and the popup stays inside the window."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core import mentions, projects
from app.core import people as P
from tests.ui.conftest import wait_idle


def _rows(edit):
    return [edit.rows.item(i).text() for i in range(edit.rows.rowCount())]


def _window_with_box(qtbot, at: QRect):
    from app.ui.widgets.mention import MentionEdit
    win = QWidget()
    win.resize(520, 320)
    edit = MentionEdit(win)
    edit.setGeometry(at)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win, edit


def _inside(win, popup) -> bool:
    area = QRect(win.mapToGlobal(QPoint(0, 0)), win.size())
    return area.contains(popup.geometry())


def test_rows_show_number_and_unit_and_a_shared_name_inserts_the_number(qtbot, bank, people):
    P.add_user(bank, people["admin"], "W003", "张三", unit="输电运检车间")
    win, edit = _window_with_box(qtbot, QRect(10, 10, 300, 28))
    edit.set_people(mentions.candidates(bank, people["L001"]))
    edit.setFocus()
    qtbot.keyClicks(edit, "@zhangs")
    popup = edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert _rows(edit) == ["张三  W001 · 变电运维车间", "张三  W003 · 输电运检车间"]  # same studio first
    assert _inside(win, popup)
    popup.setCurrentIndex(edit.completer_.completionModel().index(1, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "@W003 "  # the name is shared: the number names exactly one person


def test_popup_near_the_right_and_bottom_edges_stays_inside_the_window(qtbot, bank, people):
    win, edit = _window_with_box(qtbot, QRect(330, 284, 180, 28))  # bottom-right corner, narrower than a row
    edit.set_people(mentions.candidates(bank, people["admin"]))
    edit.setFocus()
    qtbot.keyClicks(edit, "abc @")
    popup = edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert len(_rows(edit)) == 5 and all(" · " in r for r in _rows(edit))
    assert _inside(win, popup)
    assert popup.geometry().bottom() < edit.mapToGlobal(QPoint(0, 0)).y()  # no room below: it opens above
    assert popup.width() >= 260  # wider than the box, so every row reads whole
    qtbot.keyClicks(edit, "xyz")
    assert not popup.isVisible()  # nobody matches: no empty popup


def test_detail_pane_offers_the_projects_people_with_the_studio_first(qtbot, bank, people, make_ctx, draft_data):
    from app.ui.widgets.detail import DetailPane
    pid = projects.propose(bank, people["W001"], draft_data | {"studio": "王建国劳模创新工作室", "confidentiality": "秘密"},
                           submit=True).value
    ctx = make_ctx(people["admin"])
    win = QWidget()
    win.resize(900, 640)
    pane = DetailPane(ctx)
    QVBoxLayout(win).addWidget(pane)
    qtbot.addWidget(win)
    win.show()
    pane.show_project(pid)
    wait_idle(qtbot, ctx)
    pane.tabs.setCurrentIndex(2)
    box = pane.comment_box
    box.setFocus()
    qtbot.keyClicks(box, "@")
    qtbot.waitUntil(box.completer_.popup().isVisible, timeout=3000)
    # A secret project: only its author and its studio's leader may be named (李四, 孙七, 赵六 may not see it).
    assert _rows(box) == ["张三  W001 · 变电运维车间", "王建国  L001 · 变电运维车间"]
    assert _inside(win, box.completer_.popup())
