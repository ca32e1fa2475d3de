"""Looks that were seen wrong on screen: the export-finished message blocks nothing, the settings
dialog has room for its labels, every page and toolbar action has an icon from the shipped set."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_the_export_finished_message_does_not_block_the_window(qtbot, bank, people, make_ctx, tmp_path):
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from app.ui.dialogs.export import Exporter, ExportOutcome
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    exporter = Exporter(make_ctx(people["L001"]), window)
    exporter._finished(ExportOutcome([tmp_path / "a.pdf"], 3, 1))
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "exportDone"]
    assert box.isVisible() and not box.isModal() and QApplication.activeModalWidget() is None
    box.close()


def test_settings_labels_stay_on_one_line(qtbot, bank, people, make_ctx):
    from PySide6.QtWidgets import QFormLayout

    from app.ui.dialogs.settings import SettingsDialog
    dlg = SettingsDialog(make_ctx(people["admin"]))
    qtbot.addWidget(dlg)
    dlg.show()
    form = dlg.findChild(QFormLayout)
    assert form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.DontWrapRows and dlg.width() >= 440


def test_pages_and_toolbar_have_icons_from_the_shipped_set(qtbot, bank, people, make_ctx):
    from app.ui import icons
    from app.ui.main_window import MainWindow
    window = MainWindow(make_ctx(people["admin"]), start_search=False)
    qtbot.addWidget(window)
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    for action in (window.propose_action, window.refresh_action, window.settings_action, window.sign_out_action):
        assert not action.icon().isNull()
    assert not window.export_button.icon().isNull()
    shipped = Path(icons.ICON_DIR)
    assert (shipped / "LICENSE").read_text().startswith("MIT License")
    assert all((shipped / f"{spec.icon}.svg").is_file() for spec in window.specs if spec.icon)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_list_fits_a_1366_by_768_screen_without_scrolling_sideways(qtbot, qapp, bank, people, make_ctx,
                                                                      draft_data, lang):
    from app.core import projects
    from app.ui import i18n
    from app.ui.main_window import MainWindow
    from app.ui.widgets.project_model import COLUMNS
    i18n.install(qapp, lang)  # English labels are the longer ones (ui_settings puts Chinese back)
    projects.propose(bank, people["W001"], draft_data | {"title": "很长的标题" * 10}, submit=True)
    window = MainWindow(make_ctx(people["L001"]), start_search=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.width() == 1366  # nothing (navigation, filters, toolbar) makes the window wider
    page = window.page("bank")
    qtbot.waitUntil(lambda: page._fitted and page.model.rowCount() == 1, timeout=5000)
    qtbot.wait(50)  # the fit runs once the page is laid out
    table, header = page.table, page.table.horizontalHeader()
    shown = [c[0] for i, c in enumerate(COLUMNS) if not header.isSectionHidden(i)]
    assert {"number", "title", "status", "studio"} <= set(shown)
    assert header.length() <= table.viewport().width()  # nothing clipped, no sideways scrolling
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(COLUMNS.index(("title", "Title", "title"))) >= 200
