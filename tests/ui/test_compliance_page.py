"""The studio compliance page (工作室六有): the checklist with what is missing, the selected studio's
ledger, adding a record through the form, and the ledger saved as .xlsx."""
from __future__ import annotations

from openpyxl import load_workbook

from tests.core import analytics_data


def test_checklist_ledger_record_and_export(qtbot, bank, people, clock, make_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.ui.dialogs.ledger_record import LedgerRecordDialog
    from app.ui.pages.compliance import CompliancePage
    analytics_data.build(bank, people, clock)
    ctx = make_ctx(people["L001"])
    page = CompliancePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.year.setCurrentIndex(page.year.findData(2025))
    qtbot.waitUntil(lambda: len(page.entries) == 2 and page.entries[0]["year"] == 2025, timeout=10000)
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    row = names.index("王建国劳模创新工作室")
    assert page.table.item(row, 2).text() == "✗"  # a team of two
    assert page.table.item(row, 3).text() == "✓"  # tackling: P1 and P5 in progress in 2025
    assert "台账缺" in page.table.item(row, 7).text()
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: bool(page.sheets) and page.sheets[0].rows[0][1] == "王建国劳模创新工作室",
                    timeout=10000)
    assert page.add_btn.isEnabled()

    def fill(dlg) -> int:  # type: ignore[no-untyped-def]
        dlg.kind.setCurrentIndex(dlg.kind.findData("study"))
        dlg.day.setDate(dlg.day.date().fromString("2025-05-10", "yyyy-MM-dd"))
        dlg.title.setText("继电保护新规程学习")
        dlg.people.setValue(12)
        dlg.save_btn.click()
        qtbot.waitUntil(lambda: dlg.result() == 1, timeout=5000)
        return 1
    monkeypatch.setattr(LedgerRecordDialog, "exec", fill)
    page.add_btn.click()
    qtbot.waitUntil(lambda: page.entries and next(e for e in page.entries if e["studio"] == "王建国劳模创新工作室")[
        "items"][5]["value"]["study"] == 1, timeout=10000)
    qtbot.waitUntil(lambda: [r[1] for r in next(s for s in page.sheets if s.key == "study").rows]
                    == ["继电保护新规程学习"], timeout=10000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ledger"), ""))
    page.export_btn.click()
    qtbot.waitUntil(lambda: (tmp_path / "ledger.xlsx").exists(), timeout=10000)
    book = load_workbook(tmp_path / "ledger.xlsx")
    assert [r[1] for r in book["学习"].iter_rows(min_row=2, values_only=True)] == ["继电保护新规程学习"]


def test_the_form_shows_what_is_wrong_and_the_other_leader_cannot_add(qtbot, bank, people, clock, make_ctx):
    from app.ui.dialogs.ledger_record import LedgerRecordDialog
    from app.ui.pages.compliance import CompliancePage
    analytics_data.build(bank, people, clock)
    ctx = make_ctx(people["L001"])
    with bank.session() as s:
        from sqlalchemy import select

        from db.models import Studio
        studio = s.scalar(select(Studio.id).where(Studio.name == "王建国劳模创新工作室"))
    dlg = LedgerRecordDialog(ctx, studio, "王建国劳模创新工作室")
    qtbot.addWidget(dlg)
    dlg.amount.setText("很多")
    dlg.save_btn.click()
    qtbot.waitUntil(lambda: dlg.error.text() != "", timeout=5000)
    assert "标题" in dlg.error.text() and "金额" in dlg.error.text() and dlg.result() == 0
    other = CompliancePage(make_ctx(people["L002"]))
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: len(other.entries) == 2, timeout=10000)
    names = [e["studio"] for e in other.entries]
    other.table.selectRow(names.index("王建国劳模创新工作室"))
    assert not other.add_btn.isEnabled()
    other.table.selectRow(names.index("输电工作室"))
    assert other.add_btn.isEnabled()
