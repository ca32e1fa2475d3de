"""A read-only table of records, one selected row at a time (the desk pages' lists and boards)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def read_only_table(heads: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(heads))
    table.setHorizontalHeaderLabels(heads)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def item(value: Any, colour: QColor | None = None) -> QTableWidgetItem:
    """A cell: numbers right-aligned, nothing for None, in `colour` if given."""
    cell = QTableWidgetItem("" if value is None else str(value))
    if isinstance(value, (int, float)):
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        cell.setForeground(QBrush(colour))
    return cell


def fill(table: QTableWidget, rows: list[list[Any]], stretch: int, colours: list[QColor | None] | None = None) -> None:
    """Replace the rows (signals blocked: the caller restores the selection), columns fitted."""
    table.blockSignals(True)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, item(value, colours[i] if colours else None))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.blockSignals(False)
