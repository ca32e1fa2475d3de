"""Small editable tables for the incubation request's budget and milestones (issue 15 item 11).

A row is a name plus one typed value: an amount in yuan (a validated number field) or a due date
(a date field with a calendar). The value lives in the cell's edit role as a float or a QDate, or
is absent; rows with nothing in them are ignored, and a half-filled row is a problem the form shows
before anything is sent. Tab walks the cells and leaves the table after its last cell.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDoubleValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

VALUE = Qt.ItemDataRole.EditRole


class AmountDelegate(QStyledItemDelegate):
    """Yuan as a plain number while typing, grouped with two decimals when shown."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        validator = QDoubleValidator(0.0, 1e12, 2, editor)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(QLocale.c())  # "1.5", never "1,5", whatever the system locale says
        editor.setValidator(validator)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(VALUE)
        assert isinstance(editor, QLineEdit)  # the editor createEditor above made
        editor.setText("" if value is None else f"{float(value):.2f}".rstrip("0").rstrip("."))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)  # the editor createEditor above made
        text = editor.text().strip()
        try:
            model.setData(index, float(text) if text else None, VALUE)
        except ValueError:  # an intermediate input such as "." counts as empty
            model.setData(index, None, VALUE)

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:
        return "" if value is None else f"{float(value):,.2f}"

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DateDelegate(QStyledItemDelegate):
    """A date field with a calendar popup. An empty cell opens on today but stays empty unless the
    user picks or types a date, so tabbing past it does not invent a due date."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.dateChanged.connect(lambda _d: editor.setProperty("touched", True))
        editor.calendarWidget().clicked.connect(lambda _d: editor.setProperty("touched", True))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(VALUE)
        assert isinstance(editor, QDateEdit)  # the editor createEditor above made
        editor.setDate(value if isinstance(value, QDate) else QDate.currentDate())
        editor.setProperty("touched", isinstance(value, QDate))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QDateEdit)  # the editor createEditor above made
        if editor.property("touched"):
            model.setData(index, editor.date(), VALUE)

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:
        return value.toString(Qt.DateFormat.ISODate) if isinstance(value, QDate) else ""


class _Cells(QTableWidget):
    def commit_open_editor(self) -> None:
        """Take what is typed in a cell still being edited (OK pressed without leaving the cell)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        # Tab on the last cell leaves the table instead of wrapping to the first one.
        current = self.currentIndex()
        last = current.row() == self.rowCount() - 1 and current.column() == self.columnCount() - 1
        if action == QAbstractItemView.CursorAction.MoveNext and last:
            return QModelIndex()
        first = current.row() == 0 and current.column() == 0
        if action == QAbstractItemView.CursorAction.MovePrevious and first:
            return QModelIndex()
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        leaving = {QAbstractItemDelegate.EndEditHint.EditNextItem: True,
                   QAbstractItemDelegate.EndEditHint.EditPreviousItem: False}.get(hint)
        if leaving is not None and not self.moveCursor(
                QAbstractItemView.CursorAction.MoveNext if leaving else QAbstractItemView.CursorAction.MovePrevious,
                Qt.KeyboardModifier.NoModifier).isValid():
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.focusNextPrevChild(leaving)  # on past the table, as Tab does everywhere else
            return
        super().closeEditor(editor, hint)


class PlanTable(QWidget):
    """A name column and one value column, with buttons to add and remove rows."""

    changed = Signal()

    def __init__(self, name_header: str, value_header: str, delegate: QStyledItemDelegate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _Cells(0, 2)
        self.table.setHorizontalHeaderLabels([name_header, value_header])
        self.table.setItemDelegateForColumn(1, delegate)
        delegate.setParent(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 130)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(self._edited)
        self.add_button = QPushButton(QCoreApplication.translate("PlanTable", "Add row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(QCoreApplication.translate("PlanTable", "Remove row"))
        self.remove_button.clicked.connect(self.remove_row)
        self.note = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addLayout(buttons)

    # -- rows -------------------------------------------------------------------------------------
    def append(self, name: str = "", value: Any = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        cell = QTableWidgetItem()
        cell.setData(VALUE, value)
        self.table.setItem(row, 1, cell)
        return row

    def add_row(self) -> None:
        row = self.append()
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def cells(self) -> list[tuple[int, str, Any]]:
        """(row, name, value) of every row that is not empty."""
        self.table.commit_open_editor()
        out = []
        for row in range(self.table.rowCount()):
            name_cell, value_cell = self.table.item(row, 0), self.table.item(row, 1)
            name = name_cell.text().strip() if name_cell else ""
            value = value_cell.data(VALUE) if value_cell else None
            if name or value is not None:
                out.append((row, name, value))
        return out

    def problems(self) -> list[tuple[int, int, str]]:
        """(row, column, message) for each half-filled row."""
        out = []
        for row, name, value in self.cells():
            if not name:
                out.append((row, 0, self.missing_name(row + 1)))
            elif value is None:
                out.append((row, 1, self.missing_value(row + 1, name)))
        return out

    def flag(self, row: int, column: int) -> None:
        """Tint a cell that keeps the form from being sent; editing its row clears the tint."""
        self._tint(row, QBrush(QColor(220, 38, 38, 60)), column)

    def show_cell(self, row: int, column: int) -> None:
        self.table.setFocus()
        self.table.setCurrentCell(row, column)

    def _tint(self, row: int, brush: QBrush, *columns: int) -> None:
        self.table.blockSignals(True)  # a tint is no edit
        for column in columns or range(self.table.columnCount()):
            cell = self.table.item(row, column)
            if cell:
                cell.setBackground(brush)
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        self._tint(item.row(), QBrush())
        self.changed.emit()

    def missing_name(self, row: int) -> str:
        raise NotImplementedError

    def missing_value(self, row: int, name: str) -> str:
        raise NotImplementedError


class BudgetTable(PlanTable):
    """Budget lines: item and amount in yuan; the total shows under the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Item"), self.tr("Amount (yuan)"), AmountDelegate(), parent)
        self.changed.connect(self._total)
        self._total()

    def set_lines(self, lines: list[dict[str, Any]]) -> None:
        for line in lines:
            self.append(line["item"], float(line["amount"]))
        self._total()

    def lines(self) -> list[dict[str, Any]]:
        return [{"item": name, "amount": value} for _row, name, value in self.cells()]

    def _total(self) -> None:
        total = sum(value for _r, _n, value in self.cells() if value is not None)
        self.note.setText(self.tr("Total %1 yuan").replace("%1", f"{total:,.2f}"))

    def missing_name(self, row: int) -> str:
        return self.tr("Budget row %1: the item is missing.").replace("%1", str(row))

    def missing_value(self, row: int, name: str) -> str:
        return self.tr("Budget row %1 (%2): enter the amount in yuan.").replace("%1", str(row)).replace("%2", name)


class MilestoneTable(PlanTable):
    """Milestones: title and due date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Title"), self.tr("Due date"), DateDelegate(), parent)

    def set_milestones(self, milestones: list[dict[str, Any]]) -> None:
        for m in milestones:
            self.append(m["title"], QDate.fromString(m["due_on"], Qt.DateFormat.ISODate))

    def milestones(self) -> list[dict[str, Any]]:
        return [{"title": name, "due_on": value.toString(Qt.DateFormat.ISODate)} for _r, name, value in self.cells()]

    def missing_name(self, row: int) -> str:
        return self.tr("Milestone row %1: the title is missing.").replace("%1", str(row))

    def missing_value(self, row: int, name: str) -> str:
        return self.tr("Milestone row %1 (%2): pick the due date.").replace("%1", str(row)).replace("%2", name)
