"""The window on a bank with projects; roles; translations; the no-display message."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_smoke_window_with_demo_projects(qtbot, bank, make_ctx):
    from app.core import demo
    from app.core.queries import ProjectFilter, count
    from app.ui.main_window import MainWindow
    from app.ui.widgets.project_model import COLUMNS
    demo.generate(bank, bank.actor(), 120)
    shown = count(bank, ProjectFilter(viewer=bank.actor()))
    assert 100 < shown < 120  # the demo people's drafts are theirs alone
    window = MainWindow(make_ctx(bank.actor()), start_search=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.page("bank")
    assert page.model.rowCount() == shown
    # rows are fetched lazily when painted: only a block around what was shown is cached
    qtbot.waitUntil(lambda: len(page.model._cache) > 0, timeout=3000)
    assert len(page.model._cache) <= page.model.BLOCK
    title_col = [c[0] for c in COLUMNS].index("title")
    assert page.model.index(0, title_col).data()
    page.select(page.model.ids[5])
    assert page.detail.heading.text()
    # sorting by votes re-queries the ids in that order
    page.model.sort([c[0] for c in COLUMNS].index("vote_count"), Qt.SortOrder.DescendingOrder)
    votes = [page.model.project_row(i).vote_count for i in range(10)]
    assert votes == sorted(votes, reverse=True)
    # a filter narrows the list
    page.filters.status.setCurrentIndex(page.filters.status.findData("adopted"))
    assert all(page.model.project_row(i).status == "adopted" for i in range(page.model.rowCount()))
    page.filters.save_current_view("已采纳")
    page.filters.reset()
    assert page.model.rowCount() == shown
    page.filters.apply_view("已采纳")
    assert page.model.rowCount() < 120


def test_only_changed_rows_are_refreshed(qtbot, bank, people, make_ctx, draft_data):
    from app.core import discussion, projects
    from app.ui.main_window import MainWindow
    ids = [projects.propose(bank, people["W001"], draft_data | {"title": f"想法{i}"}, submit=True).value
           for i in range(5)]
    ctx = make_ctx(people["W002"])
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    page = window.page("bank")
    for row in range(5):
        page.model.project_row(row)
    changed = []
    page.model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    ctx.write(lambda: discussion.vote(bank, people["W002"], ids[2]))
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(changed), timeout=3000)
    row = page.model.row_of(ids[2])
    assert changed == [(row, row)] and not resets
    assert page.model.project_row(row).vote_count == 1


def test_roles_decide_what_is_shown(qtbot, bank, people, make_ctx):
    from app.ui.main_window import MainWindow
    worker = MainWindow(make_ctx(people["W001"]), start_search=False)
    leader = MainWindow(make_ctx(people["L001"]), start_search=False)
    for w in (worker, leader):
        qtbot.addWidget(w)
    assert "review" not in [s.key for s in worker.specs]
    assert "review" in [s.key for s in leader.specs]
    for key in ("bank", "mine", "inbox", "teams", "incubation", "stats", "studios"):
        assert key in [s.key for s in worker.specs]


def test_keyboard_shortcuts_find_clear_and_switch_pages(qtbot, bank, people, make_ctx):
    """Ctrl+F selects the search box's text, Esc there clears it, Ctrl+<n> shows the n-th page."""
    from PySide6.QtGui import QKeySequence, QShortcut

    from app.ui.main_window import MainWindow
    window = MainWindow(make_ctx(people["L001"]), start_search=False)
    qtbot.addWidget(window)
    window.show()
    shortcuts = {s.key().toString(): s for s in window.findChildren(QShortcut)}
    window.search.setText("搬运")
    shortcuts[QKeySequence(QKeySequence.StandardKey.Find).toString()].activated.emit()
    assert window.search.selectedText() == "搬运"  # focused with its text selected, ready to type over
    shortcuts["Esc"].activated.emit()
    assert window.search.text() == ""
    shortcuts["Ctrl+3"].activated.emit()
    assert window.nav.currentRow() == 2 and window.stack.currentWidget() is window.page(window.specs[2].key)


def test_settings_dialog_idle_only_for_admins(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.settings import SettingsDialog
    worker = SettingsDialog(make_ctx(people["W001"]))
    admin = SettingsDialog(make_ctx(people["admin"]))
    for d in (worker, admin):
        qtbot.addWidget(d)
    assert not worker.idle.isEnabled() and admin.idle.isEnabled()


def test_translations_loaded_in_both_languages(qapp):
    from app.ui import i18n
    i18n.install(qapp, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "Propose idea") == "提出创意"
    assert QCoreApplication.translate("Pages", "Awaiting my review") == "待我评审"
    i18n.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Propose idea") == "Propose idea"
    assert QCoreApplication.translate("Pages", "Idea bank") == "Idea bank"
    from app.core.i18n import language
    assert language() == "en"


def test_english_window_shows_english_navigation(qtbot, qapp, bank, make_ctx):
    from app.ui import i18n
    from app.ui.main_window import MainWindow
    i18n.install(qapp, "en")
    w = MainWindow(make_ctx(bank.actor()), start_search=False)
    qtbot.addWidget(w)
    assert w.nav.item(0).text() == "Idea bank"
    i18n.install(qapp, "zh_CN")
    w2 = MainWindow(make_ctx(bank.actor()), start_search=False)
    qtbot.addWidget(w2)
    assert w2.nav.item(0).text() == "创新智慧库"


def test_cjk_font_found(qapp):
    from PySide6.QtGui import QFontDatabase

    from app.ui import i18n
    family = i18n.find_cjk_family()
    assert family is not None, "install fonts-wqy-microhei"
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_no_display_message_and_exit_code(monkeypatch, capsys):
    from app.ui import main as gui_main
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(gui_main.sys, "platform", "linux")
    assert gui_main.main([]) == gui_main.EXIT_NO_DISPLAY
    err = capsys.readouterr().err
    assert "xvfb-run" in err and "QT_QPA_PLATFORM=offscreen" in err


def test_statistics_and_studios_pages(qtbot, bank, people, make_ctx, draft_data):
    from app.core import projects
    from app.ui.main_window import MainWindow
    from app.ui.pages.analytics import AnalyticsPage
    from app.ui.pages.studios import StudiosPage
    projects.propose(bank, people["W001"], draft_data, submit=True)
    ctx = make_ctx(people["L001"])
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    window.show_page("stats")
    page = window.page("stats")
    assert isinstance(page, AnalyticsPage)
    qtbot.waitUntil(lambda: page.tiles["count"].text() == "1", timeout=5000)
    assert page.tables["funnel"].table.item(0, 0).text() == "提交"
    window.show_page("studios")
    studios = window.page("studios")
    assert isinstance(studios, StudiosPage)
    names = [studios.table.item(i, 0).text() for i in range(studios.table.rowCount())]
    row = names.index("王建国劳模创新工作室")
    studios._open(row, 0)
    bank_page = window.page("bank")
    assert window.current_page() is bank_page
    assert bank_page.filters.studio.currentText() == "王建国劳模创新工作室"
    assert bank_page.model.rowCount() == 1


def test_the_first_index_build_shows_a_busy_bar_while_the_index_is_written(qtbot, bank, people, make_ctx,
                                                                          draft_data):
    """The bar follows the projects handed to the index, then turns busy while the index is written
    (it sat at 100 % for most of a long first build)."""
    from app.core import projects
    from app.ui.main_window import MainWindow
    for n in range(3):
        projects.propose(bank, people["W001"], draft_data | {"title": f"巡检改进{n}"}, submit=True)
    window = MainWindow(make_ctx(people["L001"]), start_search=False)
    qtbot.addWidget(window)
    seen: list[tuple[int, int, str]] = []
    window.ctx.indexer.sig_task_started.connect(
        lambda state: state.sig_progress.connect(
            lambda done, total, text: seen.append((window.progress.maximum(), total, window.progress_label.text()))))
    window.start_search_service()
    qtbot.waitUntil(lambda: window.searcher.ready, timeout=30000)
    busy = [s for s in seen if s[1] == 0]
    assert busy and busy[0][0] == 0 and busy[0][2] == "正在写入搜索索引…"
