"""The window's Sync action (progress, cancel, last-synced time in the status bar) and the
conflicts page (both values, who, when; settle), offscreen."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core import projects
from app.core.bank import Bank
from app.sync import changeset, conflicts
from db.models import Project
from tests.conftest import FakeClock
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui

DRAFT = {"title": "电缆沟积水报警", "category": "小发明", "background": "电缆沟积水。", "solution": "加装水位报警。",
         "innovation_points": ["水位报警"]}


def _exchange(a, b):
    for src, dst in ((a, b), (b, a)):
        changeset.apply(dst, changeset.collect(src, 0, for_site=dst.site_id), blob=lambda sha: None)


@pytest.fixture
def colliding(bank, people, tmp_path):
    """`bank` and another site changed one project's title at once: one conflict on each."""
    other = Bank.open(tmp_path / "other", clock=FakeClock())
    pid = projects.propose(bank, people["W001"], DRAFT, submit=True).value  # submitted: not private
    _exchange(bank, other)
    projects.edit(bank, people["admin"], pid, {"title": "本站的标题"})
    other.clock.advance(minutes=5)
    projects.edit(other, other.actor("L001"), pid, {"title": "另一站的标题"})
    _exchange(bank, other)
    yield pid, other
    other.close()


def test_conflicts_page_shows_both_values_and_settles(qtbot, bank, people, make_ctx, colliding):
    from app.ui.pages.conflicts import ConflictsPage

    pid, _other = colliding
    ctx = make_ctx(people["L001"])
    page = ConflictsPage(ctx)
    qtbot.addWidget(page)
    badges = []
    page.sig_badge.connect(badges.append)
    page.reload()
    assert page.table.rowCount() == 1 and badges[-1] == 1
    page.table.selectRow(0)
    assert page.current.toPlainText() == "另一站的标题" and page.other.toPlainText() == "本站的标题"
    assert "王建国" in page.current_who.text() and "管理员" in page.other_who.text()
    assert page.take_btn.isEnabled() and page.keep_btn.isEnabled()
    page.take_btn.click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    with bank.session() as s:
        assert s.get(Project, pid).title == "本站的标题"
    # a worker sees nothing to settle (no buttons, no rows)
    worker_page = ConflictsPage(make_ctx(people["W002"]))
    qtbot.addWidget(worker_page)
    assert worker_page.table.rowCount() == 0


@pytest.mark.postgres
def test_sync_action_runs_on_the_worker_and_shows_the_last_sync(qtbot, bank, people, make_ctx, postgres_db):
    from app.ui.dialogs.sync import SyncActions, SyncStatus

    projects.propose(bank, people["W001"], DRAFT)
    ctx = make_ctx(people["admin"])
    status = SyncStatus(ctx)
    qtbot.addWidget(status)
    assert status.text() == "从未同步"
    actions = SyncActions.of(ctx)
    with qtbot.waitSignal(actions.sig_synced, timeout=60000) as got:
        state = actions.start(postgres_db)
        assert state is not None and state.label == "正在同步"
    report = got.args[0]
    assert report is not None and report.pushed_records > 0
    assert status.text().startswith("上次同步")
    hub = Bank.open(bank.data_dir.parent / "hub-view", postgres_db)
    try:
        with hub.session() as s:
            assert s.scalar(select(Project.title)) == DRAFT["title"]
    finally:
        hub.close()
    # cancelled before it starts sending: nothing breaks, the next sync completes
    with qtbot.waitSignal(actions.sig_synced, timeout=60000) as got:
        actions.start(postgres_db).cancel()
    assert got.args[0] is None
    with qtbot.waitSignal(actions.sig_synced, timeout=60000) as got:
        actions.start(postgres_db)
    assert got.args[0] is not None
    assert conflicts.list_conflicts(bank, people["admin"]) == []
