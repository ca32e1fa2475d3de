"""A titled table of figures (an analytics.tables.Table) with "Export to Excel…"; numbers sort as numbers."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.analytics.tables import COUNT, DAYS, MONEY, RATE, RATIO, Table, write_xlsx
from app.core.errors import IdeaBankError
from app.ui import fmt


def cell_text(value: Any, kind: str) -> str:
    """A value in the locale's format ("—" where there is nothing to show, e.g. a rate of 0 ÷ 0)."""
    if value is None:
        return "—"
    if kind == RATE:
        return QLocale().toString(value * 100, "f", 1) + "%"
    if kind == MONEY:
        return fmt.money(value)
    if kind == COUNT:
        return fmt.integer(value)
    if kind in (DAYS, RATIO):
        return QLocale().toString(float(value), "f", 1 if kind == DAYS else 2)
    return str(value)


class _Cell(QTableWidgetItem):
    """Shows the formatted text, sorts by the value."""

    def __init__(self, value: Any, kind: str) -> None:
        super().__init__(cell_text(value, kind))
        self.value = value
        if kind not in ("text",):
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.value, getattr(other, "value", None)
        if isinstance(mine, (int, float)) or isinstance(theirs, (int, float)):
            return (mine if mine is not None else float("-inf")) < (theirs if theirs is not None else float("-inf"))
        return str(mine or "") < str(theirs or "")


class ReportTable(QWidget):
    sig_exported = Signal(str)
    """The table was saved as a workbook: the file's path."""

    def __init__(self, parent: QWidget | None = None, *, sortable: bool = True) -> None:
        super().__init__(parent)
        self.table_data: Table | None = None
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.export_btn = QToolButton()
        self.export_btn.setText(self.tr("Export to Excel…"))
        self.export_btn.setToolTip(self.tr("Save this table as an .xlsx workbook"))
        self.export_btn.clicked.connect(self._ask_and_export)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.sortable = sortable
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.export_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)

    def set_table(self, data: Table) -> None:
        self.table_data = data
        self.title.setText(data.title)
        t = self.table
        t.setSortingEnabled(False)
        t.clear()
        t.setColumnCount(len(data.columns))
        t.setHorizontalHeaderLabels([heading for heading, _ in data.columns])
        t.setRowCount(len(data.rows))
        for i, row in enumerate(data.rows):
            for j, (value, (_, kind)) in enumerate(zip(row, data.columns)):
                t.setItem(i, j, _Cell(value, kind))
        t.setSortingEnabled(self.sortable)
        t.resizeColumnsToContents()  # the name column keeps its width; the last column takes what is left
        t.horizontalHeader().setStretchLastSection(True)

    def export_xlsx(self, path: str | Path) -> Path:
        assert self.table_data is not None
        written = write_xlsx(path, [self.table_data])
        self.sig_exported.emit(str(written))
        return written

    def _ask_and_export(self) -> None:
        if self.table_data is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the table as"), f"{self.table_data.title}.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            self.export_xlsx(path)
        except IdeaBankError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
