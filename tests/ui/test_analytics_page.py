"""The analytics page (统计分析): figures from the reader thread, filters, the restricted notice, a chart
saved as PNG and a table saved as .xlsx, all on the fixed data set of tests/core/analytics_data.py."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QImage

from tests.core import analytics_data


@pytest.fixture
def page_for(qtbot, bank, people, clock, make_ctx):
    analytics_data.build(bank, people, clock)

    def make(who):  # type: ignore[no-untyped-def]
        from app.ui.pages.analytics import AnalyticsPage
        ctx = make_ctx(people[who])
        page = AnalyticsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
        return page
    return make


def _wait_for(qtbot, page, count):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.report is not None and page.report["count"] == count and not page._debounce.isActive()
                    and not page.ctx.reader.busy, timeout=10000)


def test_figures_and_filters(qtbot, page_for):
    page = page_for("admin")
    assert page.tiles["count"].text() == "4" and page.tiles["adoption_rate"].text() == "75.0%"
    assert page.restricted.isHidden()
    funnel = page.tables["funnel"].table
    assert [funnel.item(r, 1).text() for r in range(funnel.rowCount())] == ["4", "3", "3", "3", "1", "1"]
    assert page.charts["funnel"].view.chart().series()  # drawn
    page.studio.setCurrentIndex(page.studio.findText("输电工作室"))
    _wait_for(qtbot, page, 1)
    assert page.tiles["expected"].text() == "50,000"
    page.studio.setCurrentIndex(0)
    page.category.setCurrentIndex(page.category.findData("invention"))
    _wait_for(qtbot, page, 1)  # the secret P5 only
    page.category.setCurrentIndex(0)
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(page.date_from.date().fromString("2024-01-01", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2024-12-31", "yyyy-MM-dd"))
    _wait_for(qtbot, page, 0)
    assert page.tiles["adoption_rate"].text() == "—"
    assert page.tables["trend"].table.rowCount() == 12


def test_a_worker_sees_restricted_figures(qtbot, page_for):
    page = page_for("W002")
    assert page.restricted.isVisible()
    assert page.report["count"] == 4  # P1, P2, P3 and the own draft P4; not the secret P5
    assert page.tiles["expected"].text() == "72,000"
    names = [page.tables["contributors"].table.item(r, 1).text()
             for r in range(page.tables["contributors"].table.rowCount())]
    assert names == ["张三", "李四"]


def test_chart_to_png_and_table_to_xlsx(qtbot, page_for, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    page = page_for("admin")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "funnel.png"), ""))
    with qtbot.waitSignal(page.charts["funnel"].sig_saved, timeout=5000):
        page.charts["funnel"].save_btn.click()
    image = QImage(str(tmp_path / "funnel.png"))
    assert not image.isNull() and image.width() > 200 and image.height() > 100
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "units"), ""))
    with qtbot.waitSignal(page.tables["by_unit"].sig_exported, timeout=5000):
        page.tables["by_unit"].export_btn.click()
    sheet = load_workbook(tmp_path / "units.xlsx").active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["变电运维车间"][1:7] == (3, 2, pytest.approx(2 / 3), 2, 1, 0.5)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "all.xlsx"), ""))
    page.export_all.trigger()
    assert len(load_workbook(tmp_path / "all.xlsx").sheetnames) == 8
