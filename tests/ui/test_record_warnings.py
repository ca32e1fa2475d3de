"""Warnings (预警) where the record is shown: the project detail pane's banner."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_boards import requests_  # noqa: F401 - a fixture: three incubation requests

pytestmark = pytest.mark.gui


def test_detail_pane_shows_a_banner_on_a_stuck_project(qtbot, bank, people, make_ctx, draft_data, clock):
    from app.core import projects
    from app.ui.main_window import MainWindow
    stuck = projects.propose(bank, people["W001"], draft_data).value
    projects.move(bank, people["W001"], stuck, "submit")
    clock.advance(days=45)  # past the default 30 days in one stage
    fresh = projects.propose(bank, people["W001"], draft_data | {"title": "新想法"}, submit=True).value
    window = MainWindow(make_ctx(people["L001"]), start_search=False)
    qtbot.addWidget(window)
    window.show()
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.model.complete, timeout=5000)
    page.select(stuck)
    banner = page.detail.warning_banner
    assert banner is not None
    qtbot.waitUntil(banner.isVisible, timeout=3000)
    assert "45" in banner.text() and draft_data["title"] in banner.text()
    page.select(fresh)
    assert page.detail.warning_banner is None and page.detail.warning_box.count() == 0


def test_inbox_names_team_call_and_incubation_notices(qtbot, bank, people, make_ctx):
    from app.core import notify, teams
    from app.core.i18n import set_language
    from app.ui.pages.inbox import InboxPage
    teams.create_team(bank, people["L001"], "防雨罩攻关团队", leader="W001")  # a real "team" notice
    with bank.write() as s:
        for kind in ("call", "incubation"):
            notify.send(s, bank, people["W001"].id, kind, None, "team_joined", {"team": f"{kind} 通知"})  # a code and its values
    page = InboxPage(make_ctx(people["W001"]))
    qtbot.addWidget(page)
    heads = [page.list.item(i).text().split(" · ")[0] for i in range(page.list.count())]
    assert sorted(heads) == sorted(["团队", "揭榜", "孵化"])
    set_language("en")
    page.reload()
    heads = [page.list.item(i).text().split(" · ")[0] for i in range(page.list.count())]
    assert sorted(heads) == sorted(["Team", "Open call", "Incubation"])


def test_double_click_on_a_warning_opens_its_request_or_call(qtbot, bank, people, requests_,  # noqa: F811 - the fixture
                                                              make_ctx, clock):
    import datetime as dt

    from app.core import teams
    from app.ui.main_window import MainWindow
    from tests.ui.conftest import wait_idle
    clock.now = dt.datetime(2025, 3, 10, 9, tzinfo=dt.timezone.utc)
    teams.post_call(bank, people["L001"], "先发的榜", "占位", deadline="2025-04-30")  # not the first in the list
    call = teams.post_call(bank, people["L001"], "GIS 局放定位难", "征集攻关成员", deadline="2025-04-30").value
    teams.apply_call(bank, people["W002"], call, "熟悉超声法局放检测")
    clock.now = dt.datetime(2025, 3, 25, 9, tzinfo=dt.timezone.utc)
    ctx = make_ctx(people["L001"])
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    window.show_page("warnings")
    panel = window.page("warnings")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: any(w.entity == "call" for w in panel.found), timeout=5000)
    rows = {w.entity: i for i, w in reversed(list(enumerate(panel.found)))}

    panel.table.cellDoubleClicked.emit(rows["incubation"], 1)
    board = window.page("incubation")
    assert window.current_page() is board
    wanted = panel.found[rows["incubation"]].entity_id
    assert board.current_id == wanted
    assert any(col.currentItem() is not None and col.currentItem().data(Qt.ItemDataRole.UserRole) == wanted
               for col in board.columns.values())

    window.show_page("warnings")
    panel.table.cellDoubleClicked.emit(rows["call"], 1)
    page = window.page("teams")
    assert window.current_page() is page and page.tabs.currentWidget() is page.calls
    assert page.calls.current["id"] == call
