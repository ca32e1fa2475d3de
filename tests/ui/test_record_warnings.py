"""Warnings (预警) where the record is shown: the project detail pane's banner."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_detail_pane_shows_a_banner_on_a_stuck_project(qtbot, bank, people, make_ctx, draft_data, clock):
    from app.core import projects
    from app.ui.main_window import MainWindow
    stuck = projects.propose(bank, people["W001"], draft_data).value
    projects.move(bank, people["W001"], stuck, "submit")
    clock.advance(days=45)  # past the default 30 days in one stage
    fresh = projects.propose(bank, people["W001"], draft_data | {"title": "新想法"}).value
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
    from app.ui.inbox_page import InboxPage
    teams.create_team(bank, people["L001"], "防雨罩攻关团队", leader="W001")  # a real "team" notice
    with bank.write() as s:
        for kind in ("call", "incubation"):
            notify.send(s, bank, people["W001"].id, kind, None, f"{kind} 通知")
    page = InboxPage(make_ctx(people["W001"]))
    qtbot.addWidget(page)
    heads = [page.list.item(i).text().split(" · ")[0] for i in range(page.list.count())]
    assert sorted(heads) == sorted(["团队", "揭榜", "孵化"])
    set_language("en")
    page.reload()
    heads = [page.list.item(i).text().split(" · ")[0] for i in range(page.list.count())]
    assert sorted(heads) == sorted(["Team", "Open call", "Incubation"])
