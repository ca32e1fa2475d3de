"""工作室六有: each studio's compliance for a year (what is missing in red), and the selected studio's
ledger (台账) with its records, a form to add one, and the whole ledger as an .xlsx workbook."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import compliance, ledger, sitetime
from app.core.analytics.tables import write_xlsx
from app.core.errors import IdeaBankError
from app.core.permissions import could, for_studio
from app.core.vocab import label
from app.ui.context import UiContext
from app.ui.dialogs.ledger_record import LedgerRecordDialog
from app.ui.pages import QT_TRANSLATE_NOOP, Page, PageSpec, register
from app.ui.widgets.report_table import ReportTable
from app.ui.worker import alive

MISSING = QColor("#d55e00")


class CompliancePage(Page):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self.entries: list[dict[str, Any]] = []
        self.sheets: list[Any] = []
        this_year = sitetime.today(ctx.bank).year
        self.year = QComboBox()
        for y in range(this_year, this_year - 5, -1):
            self.year.addItem(str(y), y)
        self.year.currentIndexChanged.connect(self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        keys = list(compliance.ITEMS)
        self.table = QTableWidget(0, len(keys) + 2)
        self.table.setHorizontalHeaderLabels([self.tr("Studio")] + [label(compliance.ITEMS, k) for k in keys]
                                             + [self.tr("Missing")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selected)
        self.studio_title = QLabel()
        self.studio_title.setObjectName("sectionTitle")
        self.add_btn = QPushButton(self.tr("Add a record…"))
        self.add_btn.setToolTip(self.tr("An activity, a study session or a reward of this studio"))
        self.add_btn.clicked.connect(self._add_record)
        self.export_btn = QPushButton(self.tr("Export ledger…"))
        self.export_btn.setToolTip(self.tr("The studio's ledger for the year as an .xlsx workbook"))
        self.export_btn.clicked.connect(self._export)
        self.export_btn.setVisible(could(ctx.actor, "studio.export_ledger"))
        head = QHBoxLayout()
        head.addWidget(self.studio_title, 1)
        head.addWidget(self.add_btn)
        head.addWidget(self.export_btn)
        self.sheet_tabs = QTabWidget()
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(head)
        dl.addWidget(self.sheet_tabs, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._debounce = self.reload_after_changes(lambda ch: bool(ch.people or ch.membership or ch.teams or ch.incubation))
        self._selected()
        self.reload()

    def current_studio(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def reload(self) -> None:
        self._generation += 1
        generation, bank, actor, year = self._generation, self.ctx.bank, self.ctx.actor, self.year.currentData()

        def show(entries: list[dict[str, Any]]) -> None:
            if alive(self) and generation == self._generation:
                self.show_checklist(entries)
        self.ctx.reader.submit(lambda state: compliance.checklist(bank, actor, year), done=show,
                               failed=lambda e: self.ctx.show_error(e, self), label="compliance")

    def show_checklist(self, entries: list[dict[str, Any]]) -> None:
        chosen = (self.current_studio() or {}).get("studio_id")
        self.entries = entries
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            name = QTableWidgetItem(e["studio"])
            self.table.setItem(i, 0, name)
            for j, item in enumerate(e["items"], start=1):
                cell = QTableWidgetItem("✓" if item["ok"] else "✗")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setToolTip(compliance.item_text(item))
                if not item["ok"]:
                    cell.setForeground(QBrush(MISSING))
                self.table.setItem(i, j, cell)
            missing = QTableWidgetItem(compliance.missing_text(e))
            missing.setForeground(QBrush(MISSING))
            self.table.setItem(i, len(e["items"]) + 1, missing)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(len(compliance.ITEMS) + 1, QHeaderView.ResizeMode.Stretch)
        self.table.blockSignals(False)
        done = sum(e["complete"] for e in entries)
        self.summary.setText(self.tr("{n} of {total} studios have all six.").replace("{n}", str(done))
                             .replace("{total}", str(len(entries))))
        rows = [i for i, e in enumerate(entries) if e["studio_id"] == chosen]
        self.table.selectRow(rows[0] if rows else 0) if entries else None
        self._selected()

    def _selected(self) -> None:
        entry = self.current_studio()
        self.add_btn.setEnabled(entry is not None and self._keeps(entry["studio_id"]))
        self.export_btn.setEnabled(entry is not None)
        self.studio_title.setText(entry["studio"] if entry else self.tr("Choose a studio above"))
        if entry is None:
            return
        bank, actor, year, sid = self.ctx.bank, self.ctx.actor, self.year.currentData(), entry["studio_id"]
        generation = self._generation

        def show(sheets: list[Any]) -> None:
            if alive(self) and generation == self._generation and (self.current_studio() or {}).get("studio_id") == sid:
                self.show_ledger(sheets)
        if could(self.ctx.actor, "studio.export_ledger"):
            self.ctx.reader.submit(lambda state: ledger.ledger(bank, actor, sid, year), done=show,
                                   failed=lambda e: self.ctx.show_error(e, self), label="ledger")

    def _keeps(self, studio_id: str) -> bool:
        return for_studio(self.ctx.actor, studio_id).may("keep_ledger")

    def show_ledger(self, sheets: list[Any]) -> None:
        self.sheets = sheets
        current = self.sheet_tabs.currentIndex()
        self.sheet_tabs.clear()
        self.ledger_tables: dict[str, ReportTable] = {}
        for sheet in sheets:
            view = ReportTable(sortable=False)
            view.set_table(sheet)
            self.ledger_tables[sheet.key] = view
            self.sheet_tabs.addTab(view, f"{sheet.title} ({len(sheet.rows)})" if sheet.key != "profile"
                                   else sheet.title)
        self.sheet_tabs.setCurrentIndex(max(current, 0))

    def _add_record(self) -> None:
        entry = self.current_studio()
        if entry is None:
            return
        dlg = LedgerRecordDialog(self.ctx, entry["studio_id"], entry["studio"], self)
        dlg.exec()

    def _export(self) -> None:
        entry = self.current_studio()
        if entry is None:
            return
        year = self.year.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the ledger as"), f"{entry['studio']}-{year}.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        bank, actor, sid = self.ctx.bank, self.ctx.actor, entry["studio_id"]
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"

        def done(written: Any) -> None:
            self.ctx.sig_message.emit(self.tr("Saved {path}").replace("{path}", str(written)))

        def failed(error: BaseException) -> None:
            if isinstance(error, IdeaBankError):
                QMessageBox.warning(self, self.tr("Cannot save"), error.message)
            else:
                self.ctx.show_error(error, self)
        self.ctx.export(lambda state: write_xlsx(path, ledger.ledger(bank, actor, sid, year)), done=done, failed=failed,
                     label=self.tr("Saving the studio ledger"))


register(PageSpec("compliance", QT_TRANSLATE_NOOP("Pages", "Studio compliance"), CompliancePage, order=75, icon="list-check",
                  roles=frozenset({"leader", "admin", "base"})))
